package com.healthmed.standalone;

import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What writing through costs ({@code ./healthmed bench}): the same concurrent single-document writes against the
 * read store's backend as it was (MVStore's background commit) and as it is ({@link DurableH2Backend}). Prints
 * writes per second to {@code target/benchmarks/read-store-writes.txt}; asserts only that every write is there.
 */
class ReadStoreWriteBenchmark {

    private static final int CLIENTS = 8;
    private static final int WRITES_PER_CLIENT = 1_000;

    @TempDir
    Path dir;

    @Test
    void writesPerSecondWithAndWithoutWritingThrough() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int round = 1; round <= 3; round++) {
            lines.add("round " + round + ": background commit " + run("plain-" + round, H2Backend::new)
                    + " writes/s; written to the OS " + run("written-" + round, s -> new DurableH2Backend(s, false))
                    + " writes/s; forced to the device " + run("forced-" + round, s -> new DurableH2Backend(s, true))
                    + " writes/s");
        }
        lines.add(CLIENTS + " clients x " + WRITES_PER_CLIENT + " single-document upserts by _id, "
                + Runtime.getRuntime().availableProcessors() + " cores");
        Path out = Files.createDirectories(Path.of("target/benchmarks")).resolve("read-store-writes.txt");
        Files.write(out, lines);
        lines.forEach(System.out::println);
    }

    private long run(String name, Function<MVStore, MongoBackend> backend) throws Exception {
        var store = new MVStore.Builder().fileName(dir.resolve(name + ".mv").toString()).open();
        var server = new MongoServer(backend.apply(store));
        var address = server.bind();
        try (var client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort())) {
            var collection = client.getDatabase("bench").getCollection("appointments");
            collection.insertOne(new Document("_id", "warm-up"));
            var pool = Executors.newFixedThreadPool(CLIENTS);
            List<Callable<Void>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int clientNumber = c;
                clients.add(() -> {
                    for (int i = 0; i < WRITES_PER_CLIENT; i++) {
                        collection.replaceOne(new Document("_id", clientNumber + "-" + i),
                                new Document("_id", clientNumber + "-" + i).append("status", "REQUESTED"),
                                new com.mongodb.client.model.ReplaceOptions().upsert(true));
                    }
                    return null;
                });
            }
            long started = System.nanoTime();
            for (var done : pool.invokeAll(clients)) {
                done.get();
            }
            long nanos = System.nanoTime() - started;
            pool.shutdown();
            assertThat(collection.countDocuments()).isEqualTo(1L + CLIENTS * WRITES_PER_CLIENT);
            return Math.round(CLIENTS * WRITES_PER_CLIENT / (nanos / 1e9));
        } finally {
            server.shutdownNow();
        }
    }
}
