package com.healthmed.query.rating;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Per-doctor rating tallies in one collection, counted once per appointment. Each projection that needs the
 * numbers keeps its own collection (its own processing group may be replayed alone). Every read and write is by
 * {@code _id}, so the embedded store does not scan.
 */
public final class RatingTallies {

    private final MongoTemplate mongo;
    private final String collection;

    public RatingTallies(MongoTemplate mongo, String collection) {
        this.mongo = mongo;
        this.collection = collection;
    }

    /**
     * Counts the rating of {@code appointmentId} unless it was counted already (a redelivery or a retry from the
     * dead-letter queue), in one conditional update of one document, and answers the doctor's tally.
     */
    public RatingTally count(String doctorId, String appointmentId, int stars) {
        if (!mongo.exists(query(where("_id").is(doctorId)), collection)) {
            try {
                mongo.insert(RatingTally.none(doctorId), collection);
            } catch (DuplicateKeyException alreadyThere) {
                // created meanwhile: count into it
            }
        }
        mongo.updateFirst(query(where("_id").is(doctorId).and("ratedAppointments").ne(appointmentId)),
                new Update().inc("count", 1).inc("sum", stars).inc("distribution." + stars, 1)
                        .push("ratedAppointments", appointmentId), collection);
        return mongo.findById(doctorId, RatingTally.class, collection);
    }

    public Optional<RatingTally> find(String doctorId) {
        return Optional.ofNullable(mongo.findById(doctorId, RatingTally.class, collection));
    }

    public void drop() {
        mongo.dropCollection(collection);
    }
}
