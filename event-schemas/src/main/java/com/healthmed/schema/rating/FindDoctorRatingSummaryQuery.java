package com.healthmed.schema.rating;

/** Answered with an optional {@link DoctorRatingSummaryResponse}: empty when nobody rated the doctor yet. */
public record FindDoctorRatingSummaryQuery(String doctorId) {
}
