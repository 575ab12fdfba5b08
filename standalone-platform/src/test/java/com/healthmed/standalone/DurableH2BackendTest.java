package com.healthmed.standalone;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClients;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a crash leaves of the read store is what its file holds at that moment: a copy of the file taken right
 * after the answers (the background commit is off here) must already hold every acknowledged write.
 */
class DurableH2BackendTest {

    @TempDir
    Path dir;

    @Test
    void anAcknowledgedWriteIsInTheFileBeforeTheAnswer() throws Exception {
        Path file = dir.resolve("read.mv");
        var server = durableServer(file);
        try (var client = MongoClients.create("mongodb://" + hostAndPort(server.bind()))) {
            var grants = client.getDatabase("healthmed").getCollection("grants");
            grants.insertOne(new Document("_id", "g1").append("doctor", "d1"));
            grants.updateOne(new Document("_id", "g1"), new Document("$set", new Document("doctor", "d2")));
            grants.insertOne(new Document("_id", "g2").append("doctor", "d3"));
            grants.deleteOne(new Document("_id", "g2"));

            assertThat(inCopy(file, "crashed", "grants", "doctor")).containsExactly("g1=d2");
        } finally {
            server.shutdownNow();
        }
    }

    @Test
    void anUnjournaledWriteReachesTheFileWithTheNextFsync() throws Exception {
        Path file = dir.resolve("read.mv");
        var server = durableServer(file);
        try (var client = MongoClients.create("mongodb://" + hostAndPort(server.bind()))) {
            var appointments = client.getDatabase("healthmed").getCollection("appointments")
                    .withWriteConcern(WriteConcern.W1.withJournal(false));
            appointments.insertOne(new Document("_id", "a1").append("status", "REQUESTED"));
            appointments.updateOne(new Document("_id", "a1"), new Document("$set", new Document("status", "ACCEPTED")));

            assertThat(inCopy(file, "before", "appointments", "status")).isEmpty();
            client.getDatabase("admin").runCommand(new Document("fsync", 1));
            assertThat(inCopy(file, "after", "appointments", "status")).containsExactly("a1=ACCEPTED");
        } finally {
            server.shutdownNow();
        }
    }

    @Test
    void aQueryByIdWithMoreConditionsMatchesAllOfThemAlsoAfterARestart() throws Exception {
        Path file = dir.resolve("read.mv");
        var first = durableServer(file);
        try (var client = MongoClients.create("mongodb://" + hostAndPort(first.bind()))) {
            var appointments = client.getDatabase("healthmed").getCollection("appointments");
            for (int i = 0; i < 20; i++) {
                appointments.insertOne(new Document("_id", "a" + i).append("version", i).append("doctor", "d" + i % 2));
            }
        } finally {
            first.shutdownNow();
        }
        // the reopened backend finds the collections already in the file (H2Backend reopens them while constructed)
        var store = new MVStore.Builder().fileName(file.toString()).open();
        var server = new MongoServer(new DurableH2Backend(store, false));
        try (var client = MongoClients.create("mongodb://" + hostAndPort(server.bind()))) {
            var appointments = client.getDatabase("healthmed").getCollection("appointments");
            var newer = new Document("_id", "a7").append("version", new Document("$lt", 9));
            assertThat(appointments.updateOne(newer, new Document("$set", new Document("version", 9))).getModifiedCount())
                    .isEqualTo(1);
            assertThat(appointments.updateOne(newer, new Document("$set", new Document("version", 10))).getModifiedCount())
                    .as("the guard is still applied").isZero();
            assertThat(appointments.find(new Document("_id", "a7").append("doctor", "d0")).first()).isNull();
            assertThat(appointments.find(new Document("_id", "a7").append("doctor", "d1")).first())
                    .containsEntry("version", 9);
            assertThat(appointments.countDocuments(new Document("_id", "a8").append("doctor", "d0"))).isEqualTo(1);
            assertThat(appointments.deleteMany(new Document("_id", "a8").append("doctor", "d1")).getDeletedCount()).isZero();
            assertThat(appointments.countDocuments()).isEqualTo(20);
        } finally {
            server.shutdownNow();
        }
    }

    /** The platform's backend, without MVStore's background commit: only the backend's own commits reach the file. */
    private static MongoServer durableServer(Path file) {
        var store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
        return new MongoServer(new DurableH2Backend(store, false));
    }

    /** What a crash at this moment would leave: "id=field" of a collection's documents in a copy of the file. */
    private List<String> inCopy(Path file, String name, String collection, String field) throws Exception {
        Path crashed = dir.resolve(name + ".mv");
        Files.copy(file, crashed);
        var reopened = new MongoServer(new H2Backend(crashed.toString()));
        try (var reader = MongoClients.create("mongodb://" + hostAndPort(reopened.bind()))) {
            return reader.getDatabase("healthmed").getCollection(collection).find().into(new ArrayList<>())
                    .stream().map(d -> d.getString("_id") + "=" + d.getString(field)).toList();
        } finally {
            reopened.shutdownNow();
        }
    }

    private static String hostAndPort(java.net.InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }
}
