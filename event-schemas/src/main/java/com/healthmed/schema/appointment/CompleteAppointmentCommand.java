package com.healthmed.schema.appointment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The appointment's doctor ends a confirmed consultation after its start (before the slot ends by itself). */
public record CompleteAppointmentCommand(@TargetAggregateIdentifier String appointmentId, String doctorId) {
}
