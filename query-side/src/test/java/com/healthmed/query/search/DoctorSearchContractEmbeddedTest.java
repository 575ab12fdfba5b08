package com.healthmed.query.search;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The index/collection contract on the embedded MongoDB wire-protocol server (the standalone store). */
class DoctorSearchContractEmbeddedTest extends DoctorSearchContract {

    static MongoServer server;
    static MongoClient client;

    @BeforeAll
    static void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.shutdownNow();
    }

    @Override
    MongoTemplate mongo() {
        return new MongoTemplate(client, "contract");
    }
}
