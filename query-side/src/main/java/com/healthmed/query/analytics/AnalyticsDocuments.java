package com.healthmed.query.analytics;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What the publisher remembers to enrich integration events, in its own collections read and written by
 * {@code _id} only (the embedded store scans for anything else). All of it is re-derived by a replay.
 */
final class AnalyticsDocuments {

    private AnalyticsDocuments() {
    }

    /** A doctor's public facts analysts may group by, as of the aggregate sequence {@code version}. */
    @Document("analytics_doctors")
    record DoctorFacts(@Id String id, List<String> specialties, String city, String uf, long version) {
    }

    /** An appointment's start and booked price, from its request. */
    @Document("analytics_appointments")
    record AppointmentFacts(@Id String id, String doctorId, Instant start, BigDecimal price, String currency) {
    }

    /**
     * A doctor's ratings so far; {@code lastAppointmentId} makes counting idempotent: a redelivered rating (the
     * only one that can arrive again before a later one, since the doctor's events are handled in order) is
     * not counted twice.
     */
    @Document("analytics_doctor_ratings")
    record RatingTotals(@Id String id, long starsSum, long count, String lastAppointmentId) {
    }
}
