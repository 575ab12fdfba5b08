package com.healthmed.schema.appointment;

import java.time.Instant;

/** The rating its patient gave a consultation. */
public record AppointmentRating(int stars, String comment, Instant ratedAt) {
}
