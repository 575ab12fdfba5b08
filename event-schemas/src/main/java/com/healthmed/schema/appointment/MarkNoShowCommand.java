package com.healthmed.schema.appointment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The appointment's doctor records, after the start, that the patient did not attend: no completion, no rating. */
public record MarkNoShowCommand(@TargetAggregateIdentifier String appointmentId, String doctorId) {
}
