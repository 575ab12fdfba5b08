package com.healthmed.gateway.erasure;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Erasures under way ({@code pending_erasures} in the read store, durable before it answers): an entry (patient id
 * and who asked, nothing personal) is written before the first step and removed after the last, so one that outlives
 * its request is an erasure a crash interrupted; {@link ErasureReconciler} finishes it.
 */
@Component
class ErasureJournal {

    private static final String COLLECTION = "pending_erasures";

    private final MongoTemplate mongo;
    private final Clock clock = Clock.systemUTC();

    ErasureJournal(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    record Pending(String patientId, String requestedBy) {
    }

    void begin(String patientId, String requestedBy) {
        try {
            mongo.insert(new Document("_id", patientId).append("requestedBy", requestedBy)
                    .append("since", Date.from(clock.instant())), COLLECTION);
        } catch (DuplicateKeyException alreadyUnderWay) {
            // the same erasure again: the steps are idempotent, the entry stays until they all ran
        }
    }

    void finished(String patientId) {
        mongo.remove(query(where("_id").is(patientId)), COLLECTION);
    }

    /** Entries begun before {@code before} that no other node holds, each taken for {@code hold}. */
    List<Pending> claimStarted(Instant before, Duration hold) {
        Instant now = clock.instant();
        return mongo.find(query(where("since").lt(Date.from(before))), Document.class, COLLECTION).stream()
                .filter(entry -> mongo.updateFirst(query(where("_id").is(entry.getString("_id"))
                                .orOperator(where("claimedUntil").exists(false), where("claimedUntil").lt(Date.from(now)))),
                        new Update().set("claimedUntil", Date.from(now.plus(hold))), COLLECTION).getModifiedCount() == 1)
                .map(entry -> new Pending(entry.getString("_id"), entry.getString("requestedBy")))
                .toList();
    }
}
