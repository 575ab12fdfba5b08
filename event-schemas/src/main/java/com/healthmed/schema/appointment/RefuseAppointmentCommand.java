package com.healthmed.schema.appointment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code reason} is optional. */
public record RefuseAppointmentCommand(@TargetAggregateIdentifier String appointmentId, String doctorId,
                                       String reason) {
}
