package com.healthmed.schema.appointment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The appointment's patient rates a completed consultation: 1 to 5 stars, an optional comment. */
public record RateAppointmentCommand(@TargetAggregateIdentifier String appointmentId, String patientId, int stars,
                                     String comment) {

    public static final int MIN_STARS = 1;
    public static final int MAX_STARS = 5;
    public static final int MAX_COMMENT_LENGTH = 2_000;
}
