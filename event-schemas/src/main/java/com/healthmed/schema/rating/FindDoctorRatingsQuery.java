package com.healthmed.schema.rating;

/** A doctor's ratings, newest first; answered with a {@link DoctorRatingsPageResponse}. */
public record FindDoctorRatingsQuery(String doctorId, int page, int size) {
}
