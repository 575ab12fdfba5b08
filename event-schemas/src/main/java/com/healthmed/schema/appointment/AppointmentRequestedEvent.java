package com.healthmed.schema.appointment;

import com.healthmed.schema.shared.Money;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The patient asked for a consultation; the doctor has until {@code answerBy} to accept or refuse. */
@Revision("1")
public record AppointmentRequestedEvent(String appointmentId, String doctorId, String patientId, Instant start,
                                        Instant end, Money price, Instant answerBy) {
}
