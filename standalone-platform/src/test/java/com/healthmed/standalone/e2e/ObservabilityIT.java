package com.healthmed.standalone.e2e;

import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.healthmed.standalone.e2e.Scenario.booking;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Operations end to end: after a booking (201) and a refused repeat (409) the management port's Prometheus scrape
 * shows the booking outcomes, Axon's command bus metrics, processor position, lag and dead letters and the JVM; the
 * gateway's token cache counts its hits; the health groups answer; metrics are not served on the public port; one
 * trace covers the request, the command handler and the event handlers.
 */
@ExtendWith(TestPlatform.class)
class ObservabilityIT {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final Api api = TestPlatform.api();
    private final Api management = new Api(TestPlatform.managementUrl());

    @Test
    void aBookingAndARefusalShowInThePrometheusScrape() throws java.io.IOException {
        var doctor = Scenario.verifiedDoctor(api);
        var patient = Scenario.patient(api);
        var other = Scenario.patient(api);
        Instant start = Scenario.hoursFromNow(13);
        Scenario.publish(api, doctor, start, 1);
        String before = scrape();

        assertThat(api.post("/api/v1/appointments", booking(doctor, start), patient.token()).status()).isEqualTo(201);
        var refused = api.post("/api/v1/appointments", booking(doctor, start), other.token());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.problemType()).endsWith("/slot-unavailable");

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            String after = scrape();
            assertThat(sum(after, "healthmed_bookings_total", labels("outcome", "201", "type", "none")))
                    .isEqualTo(sum(before, "healthmed_bookings_total", labels("outcome", "201", "type", "none")) + 1);
            assertThat(sum(after, "healthmed_bookings_total", labels("outcome", "409", "type", "slot-unavailable")))
                    .isEqualTo(sum(before, "healthmed_bookings_total", labels("outcome", "409", "type", "slot-unavailable")) + 1);
            // Axon's command bus: both bookings were handled (a refusal is an answer, not a failure)
            assertThat(sum(after, "commandBus_successCounter_total", payloadType("BookSlotCommand")))
                    .isGreaterThanOrEqualTo(sum(before, "commandBus_successCounter_total", payloadType("BookSlotCommand")) + 2);
            assertThat(sum(after, "commandBus_allTimer_seconds_count", payloadType("BookSlotCommand")))
                    .isGreaterThanOrEqualTo(sum(before, "commandBus_allTimer_seconds_count", payloadType("BookSlotCommand")) + 2);
            assertThat(series(after, "commandBus_allTimer_seconds_bucket", payloadType("BookSlotCommand")))
                    .as("latency histogram buckets").isNotEmpty();
            // the appointments projection moved on past the booking's events, and has nothing parked
            assertThat(sum(after, "healthmed_processor_position", labels("group", "appointments")))
                    .isGreaterThan(sum(before, "healthmed_processor_position", labels("group", "appointments")));
            assertThat(series(after, "healthmed_processor_lag", labels("group", "appointments"))).hasSize(1);
            assertThat(series(after, "healthmed_dead_letters", labels("group", "appointments"))).hasSize(1);
            assertThat(series(after, "healthmed_dead_letters", labels())).hasSizeGreaterThanOrEqualTo(10);
            assertThat(sum(after, "jvm_memory_used_bytes", labels("area", "heap"))).isPositive();
            assertThat(series(after, "http_server_requests_seconds_bucket",
                    labels("uri", "/api/v1/appointments", "method", "POST"))).isNotEmpty();
        });
        String scrape = scrape();
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "prometheus-scrape.txt"), scrape);
        assertThat(dashboardSeries()).as("series the Grafana dashboard queries").isNotEmpty()
                .allSatisfy(name -> assertThat(MAY_BE_ABSENT.contains(name) || scrape.contains("\n" + name + "{"))
                        .as(name + " in the scrape").isTrue());
    }

    /** Series that appear only once something happened: a failed command, a garbage collection. */
    private static final java.util.Set<String> MAY_BE_ABSENT =
            java.util.Set.of("commandBus_failureCounter_total", "jvm_gc_pause_seconds_sum");

    /** Metric names in the PromQL of the dashboard's panels (deploy/grafana/dashboards/healthmed.json). */
    private static java.util.Set<String> dashboardSeries() throws java.io.IOException {
        var dashboard = Api.JSON.readTree(java.nio.file.Path.of("..", "deploy", "grafana", "dashboards", "healthmed.json")
                .toFile());
        var names = new java.util.TreeSet<String>();
        var metric = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{");
        for (var panel : dashboard.path("panels")) {
            for (var target : panel.path("targets")) {
                Matcher found = metric.matcher(target.path("expr").asText());
                while (found.find()) {
                    names.add(found.group(1));
                }
            }
        }
        return names;
    }

    @Test
    void livenessIsTheProcessAloneReadinessNeedsTheStoresAndKeycloak() {
        var liveness = management.get("/actuator/health/liveness", null);
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.text("status")).isEqualTo("UP");
        assertThat(names(liveness.body().path("components").fieldNames()))
                .containsExactlyInAnyOrder("livenessState", "ping");

        var readiness = management.get("/actuator/health/readiness", null);
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.text("status")).isEqualTo("UP");
        assertThat(names(readiness.body().path("components").fieldNames()))
                .containsExactlyInAnyOrder("readinessState", "db", "readModelStore", "identityProvider");
    }

    @Test
    void metricsAreNotServedOnThePublicPort() {
        var admin = api.login("admin", "healthmed-dev-admin");
        for (String token : new String[] {null, admin}) {
            var headers = token == null ? Map.of("Accept", "text/plain")
                    : Map.of("Accept", "text/plain", "Authorization", "Bearer " + token);
            var answer = api.exchange("GET", "/actuator/prometheus", null, null, headers);
            assertThat(answer.statusCode()).as(answer.body()).isBetween(400, 499);
            assertThat(answer.body()).doesNotContain("jvm_memory");
        }
        assertThat(scrape()).contains("jvm_memory");
    }

    @Test
    void aRepeatedAccessTokenIsAnsweredFromTheMeteredTokenCache() {
        var patient = Scenario.patient(api);
        var tokenCache = labels("cache", "healthmed.security.token-cache");
        var hits = labels("cache", "healthmed.security.token-cache", "result", "hit");
        String before = scrape();

        for (int i = 0; i < 3; i++) {
            var me = api.get("/api/v1/me", patient.token());
            assertThat(me.status()).as(me.toString()).isNotEqualTo(401);
        }

        String after = scrape();
        assertThat(sum(after, "cache_gets_total", hits)).as("the second and third use of the token")
                .isGreaterThanOrEqualTo(sum(before, "cache_gets_total", hits) + 2);
        assertThat(series(after, "cache_size", tokenCache)).hasSize(1);
        assertThat(sum(after, "cache_size", tokenCache)).isPositive();
    }

    @Test
    void oneTraceCoversTheRequestTheCommandHandlerAndTheEventHandlers() {
        var doctor = Scenario.verifiedDoctor(api);
        var patient = Scenario.patient(api);
        Instant start = Scenario.hoursFromNow(14);
        Scenario.publish(api, doctor, start, 1);
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String traceparent = "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01";

        var booked = api.post("/api/v1/appointments", booking(doctor, start), patient.token(), "traceparent", traceparent);
        assertThat(booked.status()).isEqualTo(201);

        // spans are exported in batches (every few seconds)
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<SpanData> spans = TestPlatform.SPANS.ofTrace(traceId);
            List<String> names = spans.stream().map(SpanData::getName).toList();
            assertThat(names).as("spans of the trace").contains("http post /api/v1/appointments",
                    "CommandBus.handleCommand(BookSlotCommand)",
                    // the appointment's command (sent by the request; the appointment process, an event handler run
                    // by a tracking processor on its own thread, sends it only if that one failed), and the
                    // projection of the appointment that command creates
                    "AppointmentSaga.on(SlotBookedEvent)",
                    "CommandBus.handleCommand(RequestAppointmentCommand)")
                    .anyMatch(name -> name.startsWith("AppointmentProjection.on(AppointmentRequestedEvent"));
        });
    }

    private String scrape() {
        var answer = management.exchange("GET", "/actuator/prometheus", null, null, Map.of("Accept", "text/plain"));
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body();
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private static List<String> names(java.util.Iterator<String> fields) {
        List<String> names = new java.util.ArrayList<>();
        fields.forEachRemaining(names::add);
        return names;
    }

    private static Predicate<Map<String, String>> labels(String... pairs) {
        return labels -> {
            for (int i = 0; i < pairs.length; i += 2) {
                if (!pairs[i + 1].equals(labels.get(pairs[i]))) {
                    return false;
                }
            }
            return true;
        };
    }

    private static Predicate<Map<String, String>> payloadType(String simpleName) {
        return labels -> {
            String type = labels.get("payloadType");
            return type != null && (type.equals(simpleName) || type.endsWith("." + simpleName));
        };
    }

    /** The samples of one metric whose labels match, as label maps with their values. */
    private static List<Map.Entry<Map<String, String>, Double>> series(String scrape, String metric,
                                                                        Predicate<Map<String, String>> matching) {
        List<Map.Entry<Map<String, String>, Double>> found = new java.util.ArrayList<>();
        for (String line : scrape.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.matches() || !sample.group(1).equals(metric)) {
                continue;
            }
            Map<String, String> labels = new HashMap<>();
            if (sample.group(3) != null) {
                Matcher label = LABEL.matcher(sample.group(3));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            if (matching.test(labels)) {
                found.add(Map.entry(labels, Double.parseDouble(sample.group(4))));
            }
        }
        return found;
    }

    private static double sum(String scrape, String metric, Predicate<Map<String, String>> matching) {
        return series(scrape, metric, matching).stream().mapToDouble(Map.Entry::getValue).sum();
    }
}
