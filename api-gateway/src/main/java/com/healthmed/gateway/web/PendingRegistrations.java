package com.healthmed.gateway.web;

import com.healthmed.gateway.identity.AccountRole;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The journal of registrations under way, in the read store (durable before it answers): an entry is written
 * before the identity account is created, gets the account id and the register command once the account exists,
 * and is removed when the command succeeded or the account was removed again. An entry that outlives its request
 * is a registration a crash (or an unreachable identity provider) interrupted; {@link RegistrationReconciler}
 * finishes it. The command holds the registration's personal data only until then.
 */
@Component
class PendingRegistrations {

    private static final String COLLECTION = "pending_registrations";

    private final MongoTemplate mongo;
    private final Serializer serializer;
    private final Clock clock = Clock.systemUTC();

    PendingRegistrations(MongoTemplate mongo, Serializer serializer) {
        this.mongo = mongo;
        this.serializer = serializer;
    }

    /** An interrupted registration: {@code command} is empty if it stopped before the account's id was recorded. */
    record Pending(String id, String username, AccountRole role, Optional<String> accountId, Optional<Object> command) {
    }

    /** @return the entry's id */
    String begin(String username, AccountRole role) {
        String id = UUID.randomUUID().toString();
        mongo.insert(new Document("_id", id).append("username", username).append("role", role.name())
                .append("since", Date.from(clock.instant())), COLLECTION);
        return id;
    }

    void accountCreated(String id, String accountId, Object registerCommand) {
        SerializedObject<String> command = serializer.serialize(registerCommand, String.class);
        mongo.updateFirst(query(where("_id").is(id)), new Update().set("accountId", accountId)
                .set("commandType", command.getType().getName()).set("commandRevision", command.getType().getRevision())
                .set("command", command.getData()), COLLECTION);
    }

    void finished(String id) {
        mongo.remove(query(where("_id").is(id)), COLLECTION);
    }

    /**
     * Takes the entries begun before {@code before} that nobody else is handling, each for {@code hold} (another
     * node's reconciler leaves them alone meanwhile; if this one dies they are taken again after that).
     */
    List<Pending> claimStarted(Instant before, java.time.Duration hold) {
        Instant now = clock.instant();
        var candidates = mongo.find(query(where("since").lt(Date.from(before))), Document.class, COLLECTION);
        return candidates.stream()
                .filter(entry -> mongo.updateFirst(query(where("_id").is(entry.getString("_id"))
                                .orOperator(where("claimedUntil").exists(false), where("claimedUntil").lt(Date.from(now)))),
                        new Update().set("claimedUntil", Date.from(now.plus(hold))), COLLECTION).getModifiedCount() == 1)
                .map(this::pending)
                .toList();
    }

    private Pending pending(Document entry) {
        Optional<Object> command = Optional.ofNullable(entry.getString("command"))
                .map(data -> serializer.deserialize(new SimpleSerializedObject<>(data, String.class,
                        entry.getString("commandType"), entry.getString("commandRevision"))));
        return new Pending(entry.getString("_id"), entry.getString("username"), AccountRole.valueOf(entry.getString("role")),
                Optional.ofNullable(entry.getString("accountId")), command);
    }
}
