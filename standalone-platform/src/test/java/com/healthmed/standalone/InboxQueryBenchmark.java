package com.healthmed.standalone;

import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static com.mongodb.client.model.Sorts.ascending;
import static com.mongodb.client.model.Sorts.descending;
import static com.mongodb.client.model.Sorts.orderBy;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the embedded store's non-unique indexes save ({@code ./healthmed bench}): a doctor's inbox read as
 * {@code AppointmentProjection} sends it (the count, then the first page sorted by start) over 20,000 appointments,
 * on a collection with the {@code @Indexed doctorId} / {@code patientId} indexes ({@link EqualityIndex}) and on the
 * same documents without them (the server's scan). Prints reads per second to
 * {@code target/benchmarks/inbox-queries.txt}; asserts only that both collections answer the same.
 */
class InboxQueryBenchmark {

    private static final int APPOINTMENTS = 20_000;
    private static final int DOCTORS = 200;
    private static final int PATIENTS = 2_000;
    private static final int READS = 200;
    private static final Bson INBOX_ORDER = orderBy(descending("start"), ascending("_id"));

    @TempDir
    Path dir;

    @Test
    void inboxReadsPerSecondWithAndWithoutTheIndex() throws Exception {
        var store = new MVStore.Builder().fileName(dir.resolve("read.mv").toString()).open();
        var server = new MongoServer(new DurableH2Backend(store, false));
        var address = server.bind();
        try (var client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort())) {
            var database = client.getDatabase("bench");
            var indexed = database.getCollection("indexed");
            var plain = database.getCollection("plain");
            fill(indexed);
            fill(plain);
            // building them over the documents is what opening the store does for each indexed collection
            long coldBuild = createIndexes(indexed);
            for (int d = 0; d < DOCTORS; d += 10) {
                assertThat(inbox(indexed, "d" + d)).isEqualTo(inbox(plain, "d" + d));
            }

            List<String> lines = new ArrayList<>();
            run(indexed, 20);
            run(plain, 20);
            for (int round = 1; round <= 3; round++) {
                double with = run(indexed, READS);
                double without = run(plain, READS);
                lines.add("round %d: with the index %.0f reads/s (%.2f ms per read); without %.1f reads/s (%.1f ms per read)"
                        .formatted(round, with, 1000 / with, without, 1000 / without));
            }
            indexed.dropIndexes();
            long warmBuild = createIndexes(indexed);
            lines.add("building both indexes over the " + APPOINTMENTS + " documents: " + coldBuild
                    + " ms the first time (code not yet compiled), " + warmBuild + " ms again after the rounds");
            lines.add(APPOINTMENTS + " appointments, " + DOCTORS + " doctors; a read = count + first page of 20 of one "
                    + "doctor (~" + APPOINTMENTS / DOCTORS + " appointments), " + READS + " reads per round, one client, "
                    + Runtime.getRuntime().availableProcessors() + " cores");
            Path out = Files.createDirectories(Path.of("target/benchmarks")).resolve("inbox-queries.txt");
            Files.write(out, lines);
            lines.forEach(System.out::println);
        } finally {
            server.shutdownNow();
        }
    }

    private static long createIndexes(MongoCollection<Document> collection) {
        long started = System.nanoTime();
        collection.createIndex(new Document("doctorId", 1));
        collection.createIndex(new Document("patientId", 1));
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static void fill(MongoCollection<Document> collection) {
        var random = new Random(42);
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < APPOINTMENTS; i++) {
            batch.add(new Document("_id", "appointment-" + i)
                    .append("doctorId", "d" + random.nextInt(DOCTORS))
                    .append("patientId", "p" + random.nextInt(PATIENTS))
                    .append("start", Instant.parse("2026-12-01T08:00:00Z").plusSeconds(1_800L * random.nextInt(5_000)))
                    .append("status", random.nextBoolean() ? "REQUESTED" : "ACCEPTED")
                    .append("version", 1L));
            if (batch.size() == 1_000) {
                collection.insertMany(batch);
                batch.clear();
            }
        }
    }

    /** Inbox reads per second over {@code reads} doctors in a fixed order. */
    private static double run(MongoCollection<Document> collection, int reads) {
        var random = new Random(7);
        long started = System.nanoTime();
        for (int i = 0; i < reads; i++) {
            inbox(collection, "d" + random.nextInt(DOCTORS));
        }
        return reads / ((System.nanoTime() - started) / 1e9);
    }

    private static List<Object> inbox(MongoCollection<Document> collection, String doctorId) {
        var query = new Document("doctorId", doctorId);
        List<Object> answer = new ArrayList<>();
        answer.add(collection.countDocuments(query));
        collection.find(query).sort(INBOX_ORDER).limit(20).forEach(answer::add);
        return answer;
    }
}
