package com.healthmed.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where a running first node's shared infrastructure listens, written to {@code <data dir>/platform-endpoints.properties}
 * once it is up (removed when it stops), so that more nodes can join it: {@code ./healthmed node --join <data dir>}.
 * Addresses only; the development defaults of the embedded servers need no passwords.
 */
public record PlatformEndpoints(String eventStoreJdbcUrl, String eventStoreUser, String readStoreUri,
                                String kafkaBootstrap, int smtpPort, int imapPort, String keycloakUrl,
                                String firstNodeApiUrl) {

    public static final String FILE_NAME = "platform-endpoints.properties";

    void write(Path dataDir) throws IOException {
        var properties = new Properties();
        properties.setProperty("event-store.jdbc-url", eventStoreJdbcUrl);
        properties.setProperty("event-store.user", eventStoreUser);
        properties.setProperty("read-store.uri", readStoreUri);
        properties.setProperty("kafka.bootstrap", kafkaBootstrap);
        properties.setProperty("smtp.port", Integer.toString(smtpPort));
        properties.setProperty("imap.port", Integer.toString(imapPort));
        properties.setProperty("keycloak.url", keycloakUrl);
        properties.setProperty("first-node.api-url", firstNodeApiUrl);
        Path file = dataDir.resolve(FILE_NAME);
        Path partial = dataDir.resolve(FILE_NAME + ".tmp");
        try (var out = Files.newBufferedWriter(partial)) {
            properties.store(out, "Health&Med platform endpoints: ./healthmed node --join " + dataDir);
        }
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static void remove(Path dataDir) {
        try {
            Files.deleteIfExists(dataDir.resolve(FILE_NAME));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the endpoints of the platform whose data folder (or endpoints file) is {@code join}. */
    public static PlatformEndpoints read(Path join) throws IOException {
        Path file = Files.isDirectory(join) ? join.resolve(FILE_NAME) : join;
        var properties = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            properties.load(in);
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("no running platform to join at " + join.toAbsolutePath()
                    + ": start one with ./healthmed run (it writes " + FILE_NAME + " to its data folder once up)");
        }
        return new PlatformEndpoints(required(properties, "event-store.jdbc-url"), required(properties, "event-store.user"),
                required(properties, "read-store.uri"), required(properties, "kafka.bootstrap"),
                Integer.parseInt(required(properties, "smtp.port")), Integer.parseInt(required(properties, "imap.port")),
                required(properties, "keycloak.url"), required(properties, "first-node.api-url"));
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(FILE_NAME + " lacks " + key);
        }
        return value;
    }
}
