package com.healthmed.schema.rating;

import java.time.Instant;

/** One rating as anyone may read it: never who gave it. */
public record DoctorRatingResponse(int stars, String comment, Instant ratedAt) {
}
