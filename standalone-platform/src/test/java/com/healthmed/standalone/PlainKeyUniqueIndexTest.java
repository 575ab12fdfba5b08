package com.healthmed.standalone;

import com.mongodb.MongoServerException;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
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

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.regex;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.unset;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded store's unique indexes ({@link PlainKeyUniqueIndex}) answer and refuse like mongo-java-server's own,
 * and a store written with the library's own index opens with every document still found and still unique.
 */
class PlainKeyUniqueIndexTest {

    private static final int DUPLICATE_KEY = 11000;
    private static final ObjectId[] OBJECT_IDS = {new ObjectId("6566f0c0a1b2c3d4e5f60718"),
            new ObjectId("6566f0c0a1b2c3d4e5f60719"), new ObjectId("0000f0c0a1b2c3d4e5f6071a")};

    @TempDir
    Path dir;

    private final Random random = new Random(20261125);

    @Test
    void aStoreWrittenWithTheLibrarysIndexOpensWithEveryDocumentFoundAndStillUniqueAlsoAfterACopyCutShort() {
        Path file = dir.resolve("read.mv");
        List<Object> ids = List.of("a1", "b2", OBJECT_IDS[0], OBJECT_IDS[1], 7, new Document("doctor", "d1"));
        var libraryStore = new MVStore.Builder().fileName(file.toString()).open();
        onServer(new H2Backend(libraryStore), db -> {
            var appointments = db.getCollection("appointments");
            ids.forEach(id -> appointments.insertOne(new Document("_id", id).append("email", "e" + id)));
            appointments.createIndex(new Document("email", 1), new IndexOptions().unique(true));
        });
        assertThat(indexMaps(file)).contains("healthmed.appointments._index__id_")
                .noneMatch(name -> name.contains("_plainkeyindex_"));
        // a copy cut short: a first key in the new map, the library's map still there. A non-empty index is not
        // rebuilt from the documents when it opens, so the copy must be done again whole.
        var cutShort = new MVStore.Builder().fileName(file.toString()).open();
        cutShort.openMap("healthmed.appointments._plainkeyindex__id_").put("a1", "a1");
        cutShort.close();

        for (int reopen = 0; reopen < 2; reopen++) {
            onServer(durable(file), db -> {
                var appointments = db.getCollection("appointments");
                for (Object id : ids) {
                    assertThat(appointments.find(eq("_id", id)).first()).as("_id %s", id).isNotNull()
                            .extracting(d -> d.get("email")).isEqualTo("e" + id);
                    assertThat(refusal(() -> appointments.insertOne(new Document("_id", id))))
                            .as("second _id %s", id).isEqualTo(DUPLICATE_KEY);
                }
                assertThat(refusal(() -> appointments.insertOne(new Document("_id", "c3").append("email", "ea1"))))
                        .isEqualTo(DUPLICATE_KEY);
                assertThat(appointments.find(in("_id", "a1", OBJECT_IDS[1], 7)).into(new ArrayList<>())).hasSize(3);
                assertThat(appointments.countDocuments()).isEqualTo(ids.size());
            });
            assertThat(indexMaps(file)).as("after open %d", reopen + 1)
                    .contains("healthmed.appointments._plainkeyindex__id_",
                            "healthmed.appointments._plainkeyindex_email_1")
                    .noneMatch(name -> name.contains("._index_"));
        }
    }

    @Test
    void answersAndRefusalsAreTheLibrarysThroughRandomChanges() {
        var library = new MongoServer(new H2Backend(MVStore.open(null)));
        InetSocketAddress libraryAddress = library.bind();
        try (var libraryClient = MongoClients.create(uri(libraryAddress))) {
            var plainDb = libraryClient.getDatabase("healthmed");
            onServer(durable(dir.resolve("read.mv")), db -> {
                var indexed = db.getCollection("people");
                var reference = plainDb.getCollection("people");
                for (var collection : List.of(indexed, reference)) {
                    collection.createIndex(new Document("email", 1), new IndexOptions().unique(true).sparse(true));
                    collection.createIndex(new Document("a", 1).append("b", 1), new IndexOptions().unique(true));
                }
                for (int change = 0; change < 600; change++) {
                    randomChange(indexed, reference);
                    if (change % 50 == 0) {
                        assertSameAnswers(indexed, reference);
                    }
                }
                assertSameAnswers(indexed, reference);
            });
        } finally {
            library.shutdownNow();
        }
    }

    @Test
    void aDroppedIndexOrCollectionLeavesNoKeysBehind() {
        onServer(durable(dir.resolve("read.mv")), db -> {
            var people = db.getCollection("people");
            people.createIndex(new Document("email", 1), new IndexOptions().unique(true));
            people.insertOne(new Document("_id", "p1").append("email", "x"));
            people.dropIndex("email_1");
            people.insertOne(new Document("_id", "p2").append("email", "x"));
            people.drop();
            people.insertOne(new Document("_id", "p1").append("email", "x"));

            assertThat(people.find().map(d -> d.getString("_id")).into(new ArrayList<>())).containsExactly("p1");
            assertThat(refusal(() -> people.insertOne(new Document("_id", "p1")))).isEqualTo(DUPLICATE_KEY);
        });
    }

    /** One random change, applied alike to both collections, with the same answer or the same refusal. */
    private void randomChange(MongoCollection<Document> indexed, MongoCollection<Document> reference) {
        Object id = randomId();
        switch (random.nextInt(6)) {
            case 0, 1 -> {
                Document person = new Document("_id", id);
                if (random.nextBoolean()) {
                    person.append("email", "e" + random.nextInt(8));
                }
                person.append("a", random.nextInt(3)).append("b", random.nextInt(3));
                same("insert " + person.toJson(), indexed, reference, c -> c.insertOne(person).wasAcknowledged());
            }
            case 2 -> {
                Bson change = random.nextBoolean() ? set("email", "e" + random.nextInt(8)) : unset("email");
                same("update " + id + " " + change, indexed, reference,
                        c -> c.updateOne(eq("_id", id), change).getModifiedCount());
            }
            case 3 -> {
                Bson change = set("a", random.nextInt(3));
                same("update " + id + " " + change, indexed, reference,
                        c -> c.updateOne(eq("_id", id), change).getModifiedCount());
            }
            case 4 -> same("delete " + id, indexed, reference, c -> c.deleteOne(eq("_id", id)).getDeletedCount());
            default -> {
                Document replacement = new Document("_id", id).append("email", "e" + random.nextInt(8)).append("a", 9);
                same("replace " + replacement.toJson(), indexed, reference,
                        c -> c.replaceOne(eq("_id", id), replacement).getModifiedCount());
            }
        }
    }

    /** Strings and ObjectIds (stored as themselves) mixed with numbers (1 and 1.0 are one key) and a document. */
    private Object randomId() {
        return switch (random.nextInt(6)) {
            case 0, 1 -> "p" + random.nextInt(12);
            case 2 -> OBJECT_IDS[random.nextInt(OBJECT_IDS.length)];
            case 3 -> random.nextInt(3);
            case 4 -> (double) random.nextInt(3);
            default -> new Document("n", random.nextInt(2));
        };
    }

    private void assertSameAnswers(MongoCollection<Document> indexed, MongoCollection<Document> reference) {
        assertThat(indexed.countDocuments()).isEqualTo(reference.countDocuments());
        List<Bson> filters = new ArrayList<>(List.of(regex("_id", "^p1"), gt("_id", "p3"), in("_id", "p1", "p2", 1),
                eq("email", "e1"), eq("a", 1), in("_id", (Object[]) OBJECT_IDS)));
        for (int i = 0; i < 8; i++) {
            filters.add(eq("_id", randomId()));
        }
        for (Bson filter : filters) {
            assertThat(all(indexed.find(filter))).as("find %s", filter).isEqualTo(all(reference.find(filter)));
        }
    }

    /** The documents in _id order (the two stores keep them in different physical orders). */
    private static List<Document> all(Iterable<Document> found) {
        List<Document> documents = new ArrayList<>();
        found.forEach(documents::add);
        documents.sort((x, y) -> String.valueOf(x.get("_id")).compareTo(String.valueOf(y.get("_id"))));
        return documents;
    }

    private static void same(String description, MongoCollection<Document> indexed,
                             MongoCollection<Document> reference, Function<MongoCollection<Document>, Object> change) {
        assertThat(outcome(indexed, change)).as(description).isEqualTo(outcome(reference, change));
    }

    private static Object outcome(MongoCollection<Document> collection,
                                  Function<MongoCollection<Document>, Object> change) {
        try {
            return change.apply(collection);
        } catch (MongoServerException e) {
            return "refused " + e.getCode();
        }
    }

    private static int refusal(Runnable write) {
        try {
            write.run();
        } catch (MongoServerException e) {
            return e.getCode();
        }
        return 0;
    }

    private static List<String> indexMaps(Path file) {
        var store = new MVStore.Builder().fileName(file.toString()).readOnly().open();
        try {
            return store.getMapNames().stream().filter(name -> name.contains("index")).toList();
        } finally {
            store.close();
        }
    }

    private static DurableH2Backend durable(Path file) {
        return new DurableH2Backend(new MVStore.Builder().fileName(file.toString()).open(), false);
    }

    private static void onServer(de.bwaldvogel.mongo.MongoBackend backend, Consumer<MongoDatabase> work) {
        var server = new MongoServer(backend);
        InetSocketAddress address = server.bind();
        try (var client = MongoClients.create(uri(address))) {
            work.accept(client.getDatabase("healthmed"));
        } finally {
            server.shutdownNow();
        }
    }

    private static String uri(InetSocketAddress address) {
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }
}
