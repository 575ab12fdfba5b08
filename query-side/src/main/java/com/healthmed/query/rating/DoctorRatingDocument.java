package com.healthmed.query.rating;

import com.healthmed.schema.rating.DoctorRatingResponse;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * One rating, stored under {@code <doctorId>#<n>} where n is its place in the doctor's tally (0 for the first), so
 * a page of a doctor's ratings is read by {@code _id}. The appointment id is kept for idempotency; the patient
 * is not kept at all.
 */
@Document(DoctorRatingDocument.COLLECTION)
record DoctorRatingDocument(@Id String id, String doctorId, String appointmentId, int stars, String comment,
                            Instant ratedAt) {

    static final String COLLECTION = "doctor_rating_entries";

    static String idOf(String doctorId, int place) {
        return doctorId + "#" + place;
    }

    DoctorRatingResponse toResponse() {
        return new DoctorRatingResponse(stars, comment, ratedAt);
    }
}
