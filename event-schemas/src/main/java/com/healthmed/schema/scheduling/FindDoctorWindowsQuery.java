package com.healthmed.schema.scheduling;

/** The doctor's own published windows that have not ended yet. */
public record FindDoctorWindowsQuery(String doctorId) {
}
