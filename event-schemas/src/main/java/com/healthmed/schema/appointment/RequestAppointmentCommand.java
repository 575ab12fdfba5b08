package com.healthmed.schema.appointment;

import com.healthmed.schema.shared.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Creates the appointment of a booked slot: sent by the booking endpoint before its 201, and again by the
 * appointment saga on the booking's event, which guarantees it; the second changes nothing.
 */
public record RequestAppointmentCommand(@TargetAggregateIdentifier String appointmentId, String doctorId,
                                        String patientId, Instant start, Instant end, Money price) {
}
