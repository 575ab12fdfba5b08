package com.healthmed.standalone;

import com.mongodb.MongoServerException;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.ReturnDocument;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.regex;
import static com.mongodb.client.model.Sorts.ascending;
import static com.mongodb.client.model.Sorts.descending;
import static com.mongodb.client.model.Sorts.orderBy;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.pull;
import static com.mongodb.client.model.Updates.push;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.unset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded store's non-unique indexes ({@link EqualityIndex}): every read and write through them gives what a
 * scan of the same documents gives. Each change goes to two collections, one with the indexes ({@code @Indexed
 * doctorId}, a compound index led by {@code bookings.appointmentId}) and one without, and the same queries must
 * answer the same, also after the store is closed and reopened (the index is then rebuilt from the documents).
 */
class EqualityIndexTest {

    private static final int DOCTORS = 6;
    private static final int APPOINTMENTS = 12;
    private static final List<String> STATUSES = List.of("REQUESTED", "ACCEPTED", "CANCELLED");

    @TempDir
    Path dir;

    private final Random random = new Random(20261124);
    private int nextId;

    @Test
    void indexedQueriesAnswerLikeAScanThroughRandomChangesAndAReopen() {
        Path file = dir.resolve("read.mv");
        onServer(file, db -> {
            createIndexes(db.getCollection("indexed"));
            for (int round = 0; round < 30; round++) {
                for (int i = 0; i < 20; i++) {
                    randomChange(db.getCollection("indexed"), db.getCollection("plain"));
                }
                assertSameAnswers(db.getCollection("indexed"), db.getCollection("plain"));
            }
        });
        onServer(file, db -> {
            assertThat(db.getCollection("indexed").listIndexes().map(index -> index.getString("name")).into(new ArrayList<>()))
                    .as("the indexes are reopened with the file")
                    .containsExactlyInAnyOrder("_id_", "doctorId_1", "bookings.appointmentId_1_start_-1");
            assertSameAnswers(db.getCollection("indexed"), db.getCollection("plain"));
            for (int round = 0; round < 10; round++) {
                for (int i = 0; i < 20; i++) {
                    randomChange(db.getCollection("indexed"), db.getCollection("plain"));
                }
                assertSameAnswers(db.getCollection("indexed"), db.getCollection("plain"));
            }
        });
    }

    /**
     * A document of another doctor whose {@code $expr} divides by zero fails any query that evaluates it: with the
     * index the query never reads it (find, count, update, delete), without it the scan does.
     */
    @Test
    void aQueryOnTheIndexedKeyReadsOnlyThatKeysDocuments() {
        onServer(dir.resolve("read.mv"), db -> {
            var indexed = db.getCollection("indexed");
            var plain = db.getCollection("plain");
            createIndexes(indexed);
            for (var collection : List.of(indexed, plain)) {
                for (int i = 0; i < 50; i++) {
                    collection.insertOne(new Document("_id", "a" + i).append("doctorId", "d" + i % 5).append("z", 1)
                            .append("bookings", List.of(new Document("appointmentId", "b" + i))));
                }
                collection.insertOne(new Document("_id", "poison").append("doctorId", "other").append("z", 0)
                        .append("bookings", List.of(new Document("appointmentId", "other"))));
            }
            // the doctor's key last: the matcher would otherwise stop at it before evaluating $expr
            Function<String, Document> divides = doctor -> where("$expr",
                    new Document("$gt", List.of(new Document("$divide", List.of(1, "$z")), 0)), "doctorId", doctor);

            assertThatThrownBy(() -> plain.find(divides.apply("d1")).into(new ArrayList<>()))
                    .as("the scan reads the poisoned document").isInstanceOf(MongoServerException.class)
                    .hasMessageContaining("by zero");
            assertThatThrownBy(() -> plain.countDocuments(divides.apply("d1")))
                    .isInstanceOf(MongoServerException.class);

            assertThat(indexed.find(divides.apply("d1")).map(d -> d.getString("_id")).into(new ArrayList<>()))
                    .containsExactly("a1", "a11", "a16", "a21", "a26", "a31", "a36", "a41", "a46", "a6");
            assertThat(indexed.countDocuments(divides.apply("d1"))).isEqualTo(10);
            Document byBooking = where("$expr", divides.apply("d1").get("$expr"), "bookings.appointmentId", "b7");
            assertThat(indexed.countDocuments(byBooking)).isEqualTo(1);
            assertThat(indexed.updateMany(divides.apply("d2"), set("seen", true)).getModifiedCount())
                    .isEqualTo(10);
            assertThat(indexed.deleteMany(divides.apply("d3")).getDeletedCount()).isEqualTo(10);
            assertThat(indexed.countDocuments(eq("doctorId", "d3"))).isZero();
            assertThat(indexed.countDocuments()).isEqualTo(41);
        });
    }

    @Test
    void aDroppedCollectionStartsWithoutStalePositions() {
        onServer(dir.resolve("read.mv"), db -> {
            var appointments = db.getCollection("indexed");
            createIndexes(appointments);
            appointments.insertOne(new Document("_id", "a1").append("doctorId", "d1"));
            appointments.drop();
            appointments.insertOne(new Document("_id", "a2").append("doctorId", "d1"));
            createIndexes(appointments);
            appointments.insertOne(new Document("_id", "a3").append("doctorId", "d1"));

            assertThat(appointments.find(eq("doctorId", "d1")).map(d -> d.getString("_id")).into(new ArrayList<>()))
                    .containsExactly("a2", "a3");
            assertThat(appointments.countDocuments(eq("doctorId", "d1"))).isEqualTo(2);
        });
    }

    private static void createIndexes(MongoCollection<Document> collection) {
        collection.createIndex(new Document("doctorId", 1));
        collection.createIndex(new Document("bookings.appointmentId", 1).append("start", -1), new IndexOptions());
    }

    /** One random change, applied alike to both collections (same _id, same values), with the same answer. */
    private void randomChange(MongoCollection<Document> indexed, MongoCollection<Document> plain) {
        String id = "x" + random.nextInt(Math.max(1, nextId));
        String doctor = doctor();
        String appointment = appointment();
        switch (random.nextInt(10)) {
            case 0, 1, 2 -> {
                Document document = randomDocument("x" + nextId++);
                same(indexed, plain, c -> c.insertOne(document).wasAcknowledged());
            }
            case 3 -> {
                Bson change = switch (random.nextInt(4)) {
                    case 0 -> set("doctorId", random.nextBoolean() ? null : doctor());
                    case 1 -> unset("doctorId");
                    case 2 -> set("doctorId", List.of(doctor(), doctor()));
                    default -> set("status", status());
                };
                same(indexed, plain, c -> c.updateOne(eq("_id", id), change).getModifiedCount());
            }
            case 4 -> {
                Bson booking = push("bookings", new Document("appointmentId", appointment).append("start", random.nextInt(100)));
                same(indexed, plain, c -> c.updateOne(eq("_id", id), booking).getModifiedCount());
            }
            case 5 -> same(indexed, plain, c -> c.updateOne(eq("_id", id),
                    pull("bookings", new Document("appointmentId", appointment))).getModifiedCount());
            case 6 -> {
                // the slot release: every window of the doctor that holds the booking
                Bson release = combine(pull("bookings", new Document("appointmentId", appointment)), set("released", true));
                same(indexed, plain, c -> c.updateMany(where("doctorId", doctor, "bookings.appointmentId", appointment),
                        release).getModifiedCount());
            }
            case 7 -> {
                Document replacement = randomDocument(id);
                same(indexed, plain, c -> c.replaceOne(eq("_id", id), replacement).getModifiedCount());
            }
            case 8 -> {
                Bson gone = random.nextBoolean() ? eq("_id", id) : where("doctorId", doctor, "status", status());
                same(indexed, plain, c -> c.deleteMany(gone).getDeletedCount());
            }
            default -> {
                String status = status();
                same(indexed, plain, c -> c.findOneAndUpdate(eq("doctorId", doctor), set("status", status),
                        new FindOneAndUpdateOptions().sort(ascending("_id")).returnDocument(ReturnDocument.AFTER)));
            }
        }
    }

    /** Missing, null, a number, a String, an array (also nested) or subdocuments under the indexed keys. */
    private Document randomDocument(String id) {
        Document document = new Document("_id", id);
        Object doctor = doctorValue();
        if (doctor != Missing.KEY) {
            document.append("doctorId", doctor);
        }
        document.append("status", status()).append("start", random.nextInt(100));
        switch (random.nextInt(5)) {
            case 0 -> { } // no bookings
            case 1 -> document.append("bookings", new Document("appointmentId", appointment()));
            case 2 -> document.append("bookings", List.of(List.of(new Document("appointmentId", appointment()))));
            default -> {
                List<Document> bookings = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    Object appointmentId = random.nextInt(6) == 0 ? List.of(appointment(), appointment()) : appointment();
                    bookings.add(new Document("appointmentId", appointmentId).append("start", random.nextInt(100)));
                }
                document.append("bookings", bookings);
            }
        }
        return document;
    }

    private enum Missing { KEY }

    private Object doctorValue() {
        return switch (random.nextInt(8)) {
            case 0 -> Missing.KEY;
            case 1 -> null;
            case 2 -> 7;
            case 3 -> List.of(doctor(), doctor());
            case 4 -> List.of(List.of(doctor()));
            default -> doctor();
        };
    }

    private String doctor() {
        return "d" + random.nextInt(DOCTORS);
    }

    private String appointment() {
        return "b" + random.nextInt(APPOINTMENTS);
    }

    private String status() {
        return STATUSES.get(random.nextInt(STATUSES.size()));
    }

    private void assertSameAnswers(MongoCollection<Document> indexed, MongoCollection<Document> plain) {
        assertThat(indexed.countDocuments()).isEqualTo(plain.countDocuments());
        for (int d = 0; d < DOCTORS; d++) {
            String doctor = "d" + d;
            String appointment = appointment();
            List<Bson> filters = List.of(eq("doctorId", doctor), where("doctorId", doctor, "status", status()),
                    eq("bookings.appointmentId", appointment), where("doctorId", doctor, "bookings.appointmentId", appointment),
                    where("bookings.appointmentId", appointment, "start", new Document("$gte", 50)),
                    // not served by the index: the scan answers both
                    eq("bookings.0.appointmentId", appointment), in("doctorId", doctor, "d0"), eq("doctorId", null),
                    regex("doctorId", "^" + doctor), or(eq("doctorId", doctor), eq("status", "CANCELLED")),
                    and(eq("doctorId", doctor), eq("status", "CANCELLED")), eq("doctorId", 7));
            for (Bson filter : filters) {
                assertThat(ids(indexed.find(filter))).as("find %s", filter).isEqualTo(ids(plain.find(filter)));
                assertThat(indexed.countDocuments(filter)).as("count %s", filter).isEqualTo(plain.countDocuments(filter));
                Bson inboxOrder = orderBy(descending("start"), ascending("_id"));
                assertThat(ids(indexed.find(filter).sort(inboxOrder).skip(1).limit(3)))
                        .as("page of %s", filter).isEqualTo(ids(plain.find(filter).sort(inboxOrder).skip(1).limit(3)));
            }
            assertThat(indexed.find(eq("doctorId", doctor)).into(new ArrayList<>()))
                    .as("whole documents").isEqualTo(plain.find(eq("doctorId", doctor)).into(new ArrayList<>()));
        }
    }

    /** A flat query as Spring Data's Criteria sends it ({@code Filters.and} would nest the keys in {@code $and}). */
    private static Document where(String key, Object value, Object... more) {
        Document query = new Document(key, value);
        for (int i = 0; i < more.length; i += 2) {
            query.append((String) more[i], more[i + 1]);
        }
        return query;
    }

    private static List<String> ids(Iterable<Document> documents) {
        List<String> ids = new ArrayList<>();
        documents.forEach(document -> ids.add(document.getString("_id")));
        return ids;
    }

    /** Applies a change to both collections: the same answer, or the same refusal ($push onto a non-array). */
    private static void same(MongoCollection<Document> indexed, MongoCollection<Document> plain,
                             Function<MongoCollection<Document>, Object> change) {
        assertThat(outcome(indexed, change)).isEqualTo(outcome(plain, change));
    }

    private static Object outcome(MongoCollection<Document> collection, Function<MongoCollection<Document>, Object> change) {
        try {
            return change.apply(collection);
        } catch (MongoServerException e) {
            return "refused " + e.getCode();
        }
    }

    private static void onServer(Path file, Consumer<MongoDatabase> work) {
        var store = new MVStore.Builder().fileName(file.toString()).open();
        var server = new MongoServer(new DurableH2Backend(store, false));
        InetSocketAddress address = server.bind();
        try (var client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort())) {
            work.accept(client.getDatabase("healthmed"));
        } finally {
            server.shutdownNow();
        }
    }
}
