package com.healthmed.schema.search;

/** A verified doctor's public profile as search shows it (empty for unknown or unverified doctors). */
public record FindDoctorListingQuery(String doctorId) {
}
