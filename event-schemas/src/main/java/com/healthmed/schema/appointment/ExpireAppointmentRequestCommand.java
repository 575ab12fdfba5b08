package com.healthmed.schema.appointment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Expires a request the doctor left unanswered (normally done by the appointment's own deadline). */
public record ExpireAppointmentRequestCommand(@TargetAggregateIdentifier String appointmentId) {
}
