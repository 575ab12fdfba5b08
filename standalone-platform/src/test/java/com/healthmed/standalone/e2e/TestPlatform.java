package com.healthmed.standalone.e2e;

import com.healthmed.standalone.PlatformEndpoints;
import com.healthmed.standalone.PlatformSettings;
import com.healthmed.standalone.StandalonePlatform;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Starts the real standalone platform (embedded PostgreSQL, MongoDB-compatible server, Kafka, SMTP and a real
 * Keycloak child process) once per test run, on free loopback ports and a fresh data folder, and stops all of
 * it when the run ends, whether the tests passed or not.
 */
public final class TestPlatform implements BeforeAllCallback {

    private static StandalonePlatform platform;
    private static PlatformSettings settings;
    /** Unanswered appointment requests expire this long after they were made (48 h in production). */
    public static final java.time.Duration ANSWER_DEADLINE = java.time.Duration.ofSeconds(30);
    /** Parked events retry by themselves every minute in production; here only when a test asks (admin endpoint). */
    public static final java.time.Duration DEAD_LETTER_RETRY = java.time.Duration.ofHours(1);
    private static final String[] ARGS = {"--healthmed.scheduling.answer-deadline=" + ANSWER_DEADLINE.toSeconds() + "s",
            "--healthmed.dead-letters.retry-interval=" + DEAD_LETTER_RETRY.toSeconds() + "s",
            // registrations a crash interrupted are finished after 15 s here (2 min in production)
            "--healthmed.registrations.reconcile-after=15s", "--healthmed.registrations.reconcile-interval=3s",
            "--healthmed.erasure.reauthentication-max-age=2m"};

    /** The platform's business clock (booking rules, agenda, teleconsultation window). */
    public static final ShiftableClock CLOCK = new ShiftableClock(Clock.systemUTC());
    /** The spans the platform made (tracing is on; nothing is exported over the network in tests). */
    public static final RecordedSpans SPANS = new RecordedSpans();
    /** The clock the gateway checks token expiry with, so tests can make a valid token expire. */
    public static final ShiftableClock TOKEN_CLOCK = new ShiftableClock(Clock.systemUTC());

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (TestPlatform.class) {
            if (platform == null) {
                settings = freshSettings();
                platform = StandalonePlatform.start(settings, ARGS, clock());
                // closed by JUnit when the whole run ends, or by the JVM if the run is killed
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                        .put(TestPlatform.class, (ExtensionContext.Store.CloseableResource) TestPlatform::stop);
                Runtime.getRuntime().addShutdownHook(new Thread(TestPlatform::stop, "test-platform-stop"));
            }
        }
    }

    private static PlatformSettings freshSettings() throws IOException {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "e2e-data-");
        return PlatformSettings.from().withDataDir(dataDir).withPorts(freePorts());
    }

    /** Nine distinct free loopback ports (all held open while choosing, so none is handed out twice). */
    static PlatformSettings.Ports freePorts() throws IOException {
        var sockets = new java.util.ArrayList<ServerSocket>();
        try {
            for (int i = 0; i < 9; i++) {
                sockets.add(new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress()));
            }
            int[] p = sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
            return new PlatformSettings.Ports(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8]);
        } finally {
            for (var socket : sockets) {
                socket.close();
            }
        }
    }

    private static ApplicationContextInitializer<ConfigurableApplicationContext> clock() {
        return context -> {
            var beans = (org.springframework.context.support.GenericApplicationContext) context;
            beans.registerBean("testClock", Clock.class, () -> CLOCK, definition -> definition.setPrimary(true));
            beans.registerBean("tokenValidationClock", Clock.class, () -> TOKEN_CLOCK);
            beans.registerBean("recordedSpans", io.opentelemetry.sdk.trace.export.SpanExporter.class, () -> SPANS);
            FaultInjection.register(beans);
        };
    }

    /** Stops everything and starts again on the same data folder and ports, as an operator's restart would. */
    public static synchronized void restart() throws Exception {
        platform.close();
        platform = StandalonePlatform.start(settings, ARGS, clock());
    }

    private static synchronized void stop() {
        if (platform != null) {
            platform.close();
            platform = null;
        }
    }

    /**
     * One more node joined to the running test platform, as {@code ./healthmed node --join} starts it: a second
     * Spring context in this JVM on a free API port, on the platform's PostgreSQL, read store, Kafka, SMTP and
     * Keycloak, with the same test clocks and faults. The caller closes it.
     */
    public static synchronized StandalonePlatform joinNode() throws Exception {
        var ports = platform.settings().ports();
        var free = freePorts();
        var nodeSettings = platform.settings().withPorts(new PlatformSettings.Ports(free.api(), ports.keycloak(),
                ports.keycloakManagement(), ports.postgres(), ports.mongo(), ports.kafka(), ports.smtp(), ports.imap(),
                free.management()));
        return StandalonePlatform.join(nodeSettings, PlatformEndpoints.read(settings.dataDir()), ARGS, clock());
    }

    /** The owner name the first node's event processors claim segments with. */
    public static String nodeId() {
        return "127.0.0.1:" + platform.settings().ports().api();
    }

    /** Plain SQL on the event store's database (tokens, events). */
    public static JdbcTemplate eventStoreSql() {
        return new JdbcTemplate(platform.context().getBean(DataSource.class));
    }

    public static String apiUrl() {
        return platform.apiUrl();
    }

    /** The management server: health probes and Prometheus metrics. */
    public static String managementUrl() {
        return platform.managementUrl();
    }

    public static Api api() {
        return new Api(platform.apiUrl());
    }

    /** Whether {@code api} talks to the platform this JVM runs (not, say, to containers), so its store can be read. */
    static boolean serves(Api api) {
        return platform != null && platform.apiUrl().equals(api.baseUrl());
    }

    /** The embedded Kafka broker's bootstrap address (the analysts' stream). */
    public static String kafkaBootstrap() {
        return "127.0.0.1:" + platform.settings().ports().kafka();
    }

    public static String keycloakUrl() {
        return platform.keycloakUrl();
    }

    /** A bean of the running platform (benchmarks use it to load data and to query in process). */
    public static <T> T bean(Class<T> type) {
        return platform.context().getBean(type);
    }

    public static java.util.List<jakarta.mail.internet.MimeMessage> receivedMail() {
        return platform.receivedMail();
    }

    /** Number of events of one aggregate whose payload type ends with {@code typeName}. */
    public static long storedEvents(String aggregateId, String typeName) {
        var jdbc = new JdbcTemplate(platform.context().getBean(DataSource.class));
        Long count = jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? "
                + "AND payloadtype LIKE ?", Long.class, aggregateId, "%." + typeName);
        return count == null ? 0 : count;
    }

    /** Number of events of one aggregate. */
    public static long storedEventsOf(String aggregateId) {
        var jdbc = new JdbcTemplate(platform.context().getBean(DataSource.class));
        Long count = jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Long.class, aggregateId);
        return count == null ? 0 : count;
    }

    /**
     * Number of events that only a request can cause: all but those of the request-expiry timer (an unanswered
     * request's {@code AppointmentRequestExpiredEvent} and the {@code SlotReleasedEvent} with reason "expired" it
     * causes). Other tests' requests expire 30 s after they were made, whenever that falls, so tests that check
     * "nothing was stored" count these. A request that wrongly changed state would still show.
     */
    public static long storedEventsCausedByRequests() {
        var jdbc = new JdbcTemplate(platform.context().getBean(DataSource.class));
        Long count = jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype NOT LIKE ? "
                + "AND NOT (payloadtype LIKE ? AND convert_from(payload, 'UTF8') LIKE ?)", Long.class,
                "%.AppointmentRequestExpiredEvent", "%.SlotReleasedEvent", "%\"reason\":\"expired\"%");
        return count == null ? 0 : count;
    }

    /** Number of events in the event store. */
    public static long storedEvents() {
        var jdbc = new JdbcTemplate(platform.context().getBean(DataSource.class));
        Long count = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
        return count == null ? 0 : count;
    }
}
