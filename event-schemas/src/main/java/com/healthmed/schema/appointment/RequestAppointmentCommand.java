package com.healthmed.schema.appointment;

import com.healthmed.schema.shared.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Sent by the appointment saga once the doctor's schedule booked the slot. */
public record RequestAppointmentCommand(@TargetAggregateIdentifier String appointmentId, String doctorId,
                                        String patientId, Instant start, Instant end, Money price) {
}
