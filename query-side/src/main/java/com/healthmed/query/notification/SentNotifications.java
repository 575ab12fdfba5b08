package com.healthmed.query.notification;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * One e-mail per event, whichever node handles it: an event handled again (its segment moved to another node
 * before the token was stored, a dead letter retried after a send that did reach the server) finds its claim and
 * sends nothing. The claim is taken before sending and given back if the send fails, so a failed send is
 * retried; a node that dies between claim and send loses that one e-mail rather than sending it twice.
 */
@Component
class SentNotifications {

    private final MongoTemplate mongo;

    SentNotifications(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Document("notification_log")
    record Sent(@Id String eventId, Instant claimedAt) {
    }

    /** @return true if this caller may send the e-mail of {@code eventId} (nobody claimed it before) */
    boolean claim(String eventId) {
        try {
            mongo.insert(new Sent(eventId, Instant.now()));
            return true;
        } catch (DuplicateKeyException alreadySent) {
            return false;
        }
    }

    void release(String eventId) {
        mongo.remove(Query.query(Criteria.where("_id").is(eventId)), Sent.class);
    }
}
