package com.healthmed.standalone;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jakarta.mail.internet.MimeMessage;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The whole platform in one JVM: embedded PostgreSQL, MongoDB-compatible server, Kafka and SMTP, a Keycloak
 * child process, and the Spring context with command side, query side and gateway. {@link #close()} stops
 * everything it started, in reverse order, Keycloak's process tree included.
 */
public final class StandalonePlatform implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StandalonePlatform.class);
    private static final Duration KEYCLOAK_START = Duration.ofMinutes(4);
    private static final Duration HEALTHY = Duration.ofMinutes(2);

    private final PlatformSettings settings;
    private final Deque<AutoCloseable> started = new ConcurrentLinkedDeque<>();
    private volatile ConfigurableApplicationContext context;
    private volatile EmbeddedMail mail;
    /** The data folder whose endpoints file announces this (first) node, while it runs. */
    private volatile Path joinable;
    /** What a joined node is connected to (null on the first node). */
    private volatile PlatformEndpoints joined;

    private StandalonePlatform(PlatformSettings settings) {
        this.settings = settings;
    }

    /**
     * Starts everything and returns once the API is healthy and the realm can issue tokens.
     *
     * @param initializers extra context initializers (tests use one to supply a controllable clock)
     */
    @SafeVarargs
    public static StandalonePlatform start(PlatformSettings settings, String[] springArgs,
                                           ApplicationContextInitializer<ConfigurableApplicationContext>... initializers)
            throws Exception {
        var platform = new StandalonePlatform(settings);
        platform.startAll(springArgs, initializers);
        return platform;
    }

    /** A platform not yet started: lets a shutdown hook hold it before {@link #startAll} begins. */
    public static StandalonePlatform prepare(PlatformSettings settings) {
        return new StandalonePlatform(settings);
    }

    /** Starts everything; on failure stops what was already started and rethrows. */
    @SafeVarargs
    public final void startAll(String[] springArgs,
                               ApplicationContextInitializer<ConfigurableApplicationContext>... initializers)
            throws Exception {
        try {
            startEverything(springArgs, initializers);
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    @SafeVarargs
    private void startEverything(String[] springArgs,
                          ApplicationContextInitializer<ConfigurableApplicationContext>... initializers)
            throws Exception {
        Path data = settings.dataDir().toAbsolutePath();
        var ports = settings.ports();
        // a Keycloak left over by a killed run still holds connections that would keep its PostgreSQL from stopping
        KeycloakServer.stopLeftover(data.resolve("keycloak"));
        var postgres = track(EmbeddedPostgres.start(data.resolve("postgres"), ports.postgres(), "healthmed", "keycloak"));
        KeycloakServer keycloak = null;
        if (settings.externalKeycloak() == null) {
            KeycloakServer.refuseOutsideDevelopment(springArgs);
            keycloak = track(KeycloakServer.launch(settings.keycloakHome(), data.resolve("keycloak"),
                    ports.keycloak(), ports.keycloakManagement(), postgres.jdbcUrl("keycloak"), postgres.user()));
        }
        var mongo = track(EmbeddedMongo.start(data.resolve("mongo/healthmed.mv"), ports.mongo()));
        var kafka = track(EmbeddedKafka.start(data.resolve("kafka"), ports.kafka()));
        mail = track(EmbeddedMail.start(ports.smtp(), ports.imap()));

        var endpoints = new PlatformEndpoints(postgres.jdbcUrl("healthmed"), postgres.user(), mongo.uri("healthmed"),
                kafka.bootstrapServers(), ports.smtp(), ports.imap(), settings.keycloakUrl(), settings.apiUrl());
        startContext(endpoints, springArgs, initializers);
        if (keycloak != null) {
            keycloak.awaitReady(KEYCLOAK_START);
        }
        awaitHealthy();
        endpoints.write(data);
        joinable = data;
    }

    /**
     * Another node of a running platform: the same three services on this settings' API port, on the first node's
     * PostgreSQL, read store, Kafka, SMTP and Keycloak (nothing embedded is started). Its event processors share
     * the segments with the other nodes.
     */
    @SafeVarargs
    public static StandalonePlatform join(PlatformSettings settings, PlatformEndpoints endpoints, String[] springArgs,
                                          ApplicationContextInitializer<ConfigurableApplicationContext>... initializers)
            throws Exception {
        var node = new StandalonePlatform(settings);
        node.joined = endpoints;
        try {
            node.startContext(endpoints, springArgs, initializers);
            node.awaitHealthy();
        } catch (Exception | Error e) {
            node.close();
            throw e;
        }
        return node;
    }

    @SafeVarargs
    private void startContext(PlatformEndpoints endpoints, String[] springArgs,
                              ApplicationContextInitializer<ConfigurableApplicationContext>... initializers) {
        var ports = settings.ports();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.config.name", "standalone");
        properties.put("server.port", ports.api());
        properties.put("management.server.port", ports.management());
        properties.put("healthmed.node.id", "127.0.0.1:" + ports.api());
        properties.put("spring.datasource.url", endpoints.eventStoreJdbcUrl());
        properties.put("spring.datasource.username", endpoints.eventStoreUser());
        properties.put("spring.mongodb.uri", endpoints.readStoreUri());
        properties.put("spring.kafka.bootstrap-servers", endpoints.kafkaBootstrap());
        properties.put("spring.mail.host", "127.0.0.1");
        properties.put("spring.mail.port", endpoints.smtpPort());
        properties.put("healthmed.identity.base-url", endpoints.keycloakUrl());
        properties.put("healthmed.gateway.public-base-url", "http://127.0.0.1:" + ports.api());
        // Spring starts while Keycloak boots; token keys are fetched on the first authenticated request
        this.context = new SpringApplicationBuilder(StandaloneApplication.class)
                .properties(properties)
                .initializers(initializers)
                .registerShutdownHook(false)
                .run(springArgs);
    }

    private <T extends AutoCloseable> T track(T resource) {
        started.push(resource);
        return resource;
    }

    private void awaitHealthy() throws InterruptedException {
        var health = context.getBean(HealthEndpoint.class);
        Instant deadline = Instant.now().plus(HEALTHY);
        Status status = health.health().getStatus();
        while (!Status.UP.equals(status)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("platform not healthy after " + HEALTHY + ": " + status);
            }
            Thread.sleep(250);
            status = health.health().getStatus();
        }
    }

    public PlatformSettings settings() {
        return settings;
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    /** What the embedded SMTP server received (for tests and for looking at mails without an IMAP client). */
    public List<MimeMessage> receivedMail() {
        if (mail == null) {
            throw new IllegalStateException("a joined node runs no SMTP server: ask the first node");
        }
        return List.of(mail.server().getReceivedMessages());
    }

    /** The infrastructure a joined node uses (empty on the first node, which runs it). */
    public java.util.Optional<PlatformEndpoints> joined() {
        return java.util.Optional.ofNullable(joined);
    }

    public String apiUrl() {
        return settings.apiUrl();
    }

    public String keycloakUrl() {
        return settings.keycloakUrl();
    }

    public String managementUrl() {
        return settings.managementUrl();
    }

    @Override
    public synchronized void close() {
        if (joinable != null) {
            // first: no node may join a platform that is going away
            PlatformEndpoints.remove(joinable);
            joinable = null;
        }
        if (context != null) {
            context.close();
            context = null;
        }
        while (!started.isEmpty()) {
            var resource = started.pop();
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("could not stop {}", resource.getClass().getSimpleName(), e);
            }
        }
    }
}
