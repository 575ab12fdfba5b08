package com.healthmed.schema.scheduling;

import com.healthmed.schema.shared.Money;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A slot is taken for an appointment; {@code price} is the doctor's price at the moment of booking. */
@Revision("1")
public record SlotBookedEvent(String doctorId, String appointmentId, String patientId, String windowId,
                              Instant start, Instant end, Money price) {
}
