package com.healthmed.schema.appointment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Cancels on behalf of {@code userId}, who must be the appointment's patient or doctor. */
public record CancelAppointmentCommand(@TargetAggregateIdentifier String appointmentId, String userId,
                                       Participant by, String justification) {
}
