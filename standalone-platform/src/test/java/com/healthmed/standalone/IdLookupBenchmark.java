package com.healthmed.standalone;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.inc;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the embedded store's unique index ({@link PlainKeyUniqueIndex}) saves on the platform's most frequent store
 * operation, a read or update of one document by {@code _id} ({@code ./healthmed bench -Dit.test=IdLookupBenchmark}):
 * the same 10,000 documents behind the platform's backend and behind mongo-java-server's own H2 backend, whose
 * {@code _id} index serializes both keys at every comparison. One client, one operation at a time, so the time per
 * operation is the CPU of the driver and the server together. Prints microseconds per operation to
 * {@code target/benchmarks/id-lookups.txt}; asserts only that both stores answer the same.
 */
class IdLookupBenchmark {

    private static final int DOCUMENTS = 10_000;
    private static final int OPERATIONS = 20_000;
    private static final int ROUNDS = 5;

    @TempDir
    Path dir;

    @Test
    void microsecondsPerReadAndUpdateById() throws Exception {
        var platform = new MongoServer(new DurableH2Backend(
                new MVStore.Builder().fileName(dir.resolve("platform.mv").toString()).open(), false));
        var library = new MongoServer(new H2Backend(
                new MVStore.Builder().fileName(dir.resolve("library.mv").toString()).open()));
        try (var platformClient = MongoClients.create(uri(platform.bind()));
             var libraryClient = MongoClients.create(uri(library.bind()))) {
            // unjournaled, as the projections write: the backend's flush per write is not what is measured here
            var withPlainKeys = platformClient.getDatabase("bench").getCollection("doctors")
                    .withWriteConcern(WriteConcern.W1.withJournal(false));
            var withLibraryKeys = libraryClient.getDatabase("bench").getCollection("doctors")
                    .withWriteConcern(WriteConcern.W1.withJournal(false));
            fill(withPlainKeys);
            fill(withLibraryKeys);
            for (int i = 0; i < DOCUMENTS; i += 97) {
                assertThat(withPlainKeys.find(eq("_id", id(i))).first())
                        .isEqualTo(withLibraryKeys.find(eq("_id", id(i))).first()).isNotNull();
            }

            List<String> lines = new ArrayList<>();
            reads(withPlainKeys);
            reads(withLibraryKeys); // the first round of each compiles the code
            for (int round = 1; round <= ROUNDS; round++) {
                lines.add("round %d: find by _id %.1f µs with plain keys, %.1f µs with the library's keys; "
                        .formatted(round, reads(withPlainKeys), reads(withLibraryKeys))
                        + "update by _id %.1f µs, %.1f µs"
                        .formatted(updates(withPlainKeys), updates(withLibraryKeys)));
            }
            lines.add(DOCUMENTS + " documents, " + OPERATIONS + " operations per measure on random _ids, one client, "
                    + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("java.version"));
            Path out = Files.createDirectories(Path.of("target/benchmarks")).resolve("id-lookups.txt");
            Files.write(out, lines);
            lines.forEach(System.out::println);
        } finally {
            platform.shutdownNow();
            library.shutdownNow();
        }
    }

    private static void fill(MongoCollection<Document> collection) {
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            batch.add(new Document("_id", id(i)).append("name", "Doctor " + i).append("city", "São Paulo")
                    .append("specialty", "Cardiologia").append("ratings", 0));
            if (batch.size() == 1_000) {
                collection.insertMany(batch);
                batch.clear();
            }
        }
    }

    /** Ids shaped like the platform's (UUIDs), so keys share long prefixes as they do there. */
    private static String id(int i) {
        return "2f1c9a4e-0b7d-4c1e-9a53-%012d".formatted(i);
    }

    private static double reads(MongoCollection<Document> collection) {
        var random = new Random(11);
        long started = System.nanoTime();
        for (int i = 0; i < OPERATIONS; i++) {
            collection.find(eq("_id", id(random.nextInt(DOCUMENTS)))).first();
        }
        return (System.nanoTime() - started) / 1e3 / OPERATIONS;
    }

    private static double updates(MongoCollection<Document> collection) {
        var random = new Random(13);
        long started = System.nanoTime();
        for (int i = 0; i < OPERATIONS; i++) {
            collection.updateOne(eq("_id", id(random.nextInt(DOCUMENTS))), inc("ratings", 1));
        }
        return (System.nanoTime() - started) / 1e3 / OPERATIONS;
    }

    private static String uri(InetSocketAddress address) {
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }
}
