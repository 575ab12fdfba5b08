package com.healthmed.standalone;

import de.bwaldvogel.mongo.MongoServer;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A MongoDB wire-protocol server ({@code de.bwaldvogel:mongo-java-server}) on loopback, storing the read
 * models in an H2 MVStore file, each write on disk before it is answered, or, for an event processor's batch, before
 * the batch's token is stored ({@link DurableH2Backend}, {@link ReadStoreBatchFlush}). It has no
 * transactions, geospatial operators or text search; the query side only uses what it and real MongoDB both
 * support.
 */
final class EmbeddedMongo implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);

    private final MongoServer server;
    private final int port;

    private EmbeddedMongo(MongoServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** MB of read cache for the H2 file: the default (16 MB) makes every scan of a large collection read the disk. */
    private static final int CACHE_MB = 512;

    static EmbeddedMongo start(Path file, int port) throws IOException {
        Files.createDirectories(file.getParent());
        MVStore store = new MVStore.Builder().fileName(file.toString()).cacheSize(CACHE_MB).open();
        var server = new MongoServer(new DurableH2Backend(store, true));
        server.bind("127.0.0.1", port);
        log.info("MongoDB-compatible server listening on 127.0.0.1:{} (data in {})", port, file);
        return new EmbeddedMongo(server, port);
    }

    String uri(String database) {
        return "mongodb://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
