package com.healthmed.schema.appointment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AcceptAppointmentCommand(@TargetAggregateIdentifier String appointmentId, String doctorId) {
}
