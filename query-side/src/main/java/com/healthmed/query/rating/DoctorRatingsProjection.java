package com.healthmed.query.rating;

import com.healthmed.schema.appointment.AppointmentRatedEvent;
import com.healthmed.schema.rating.DoctorRatingResponse;
import com.healthmed.schema.rating.DoctorRatingSummaryResponse;
import com.healthmed.schema.rating.DoctorRatingsPageResponse;
import com.healthmed.schema.rating.FindDoctorRatingSummaryQuery;
import com.healthmed.schema.rating.FindDoctorRatingsQuery;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Doctors' ratings: a summary per doctor ({@code doctor_ratings}: average, count, distribution) and every rating
 * ({@code doctor_rating_entries}: stars, comment, when; never the patient). Idempotent: a rating is counted once
 * per appointment, and its entry's id follows from its place in the tally, so a repeated event rewrites the same
 * entry. Replay-safe: a reset drops both, and a replay (same event order) rebuilds them exactly.
 */
@Component
@ProcessingGroup("doctor-ratings")
class DoctorRatingsProjection {

    static final String SUMMARIES = "doctor_ratings";

    private final MongoTemplate mongo;
    private final RatingTallies tallies;

    DoctorRatingsProjection(MongoTemplate mongo) {
        this.mongo = mongo;
        this.tallies = new RatingTallies(mongo, SUMMARIES);
    }

    @EventHandler
    void on(AppointmentRatedEvent event, @Timestamp Instant ratedAt) {
        var tally = tallies.count(event.doctorId(), event.appointmentId(), event.stars());
        int place = tally.ratedAppointments().indexOf(event.appointmentId());
        mongo.save(new DoctorRatingDocument(DoctorRatingDocument.idOf(event.doctorId(), place), event.doctorId(),
                event.appointmentId(), event.stars(), event.comment(), ratedAt));
    }

    @QueryHandler
    Optional<DoctorRatingSummaryResponse> handle(FindDoctorRatingSummaryQuery query) {
        return tallies.find(query.doctorId()).map(RatingTally::toResponse);
    }

    /** Newest first: page p holds places count-1-p*size downwards, each read by its id. */
    @QueryHandler
    DoctorRatingsPageResponse handle(FindDoctorRatingsQuery query) {
        int total = tallies.find(query.doctorId()).map(RatingTally::count).orElse(0);
        List<DoctorRatingResponse> items = new ArrayList<>();
        long first = total - 1L - (long) query.page() * query.size();
        for (long place = first; place >= 0 && place > first - query.size(); place--) {
            var rating = mongo.findById(DoctorRatingDocument.idOf(query.doctorId(), (int) place),
                    DoctorRatingDocument.class);
            if (rating != null) {
                items.add(rating.toResponse());
            }
        }
        return new DoctorRatingsPageResponse(items, query.page(), query.size(), total);
    }

    @ResetHandler
    void reset() {
        tallies.drop();
        mongo.dropCollection(DoctorRatingDocument.class);
    }
}
