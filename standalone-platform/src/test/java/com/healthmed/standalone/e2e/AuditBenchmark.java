package com.healthmed.standalone.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Audit throughput at 100,000 and 1,000,000 stored events: events per second streamed through
 * {@code GET /api/v1/audit/events}, and a full rebuild of every projection. Not part of the regular suite; it
 * writes {@code target/benchmarks/audit.md}. Run with
 * {@code ./healthmed bench -Dit.test=AuditBenchmark -Dbench.auditSizes=100000,1000000}.
 *
 * <p>The generator appends synthetic patients straight into {@code domainevententry} in the exact stored form
 * the platform writes (Jackson JSON payload and metadata, bytea): per patient one {@code PatientRegisteredEvent}
 * and nine {@code PatientProfileUpdatedEvent}s (revision 2), attributed to the patient. Sizes are totals: the
 * generator tops the store up to each size.
 */
@ExtendWith(TestPlatform.class)
class AuditBenchmark {

    private static final int[] SIZES = Arrays.stream(System.getProperty("bench.auditSizes", "100000").split(","))
            .mapToInt(Integer::parseInt).toArray();
    private static final int EVENTS_PER_PATIENT = 10;
    /** false: stream only, while the projections are still catching up with the generated events (no rebuild). */
    private static final boolean REBUILD = Boolean.parseBoolean(System.getProperty("bench.auditRebuild", "true"));
    /**
     * false: skip streaming and start the rebuild right after generating, without first waiting for the
     * projections to catch up with the generated events (at 1,000,000 events that wait is itself a full build).
     */
    private static final boolean STREAM = Boolean.parseBoolean(System.getProperty("bench.auditStream", "true"));
    private static final java.util.concurrent.atomic.AtomicLong CPF = new java.util.concurrent.atomic.AtomicLong(90_000_000_000L);

    private final Api api = TestPlatform.api();
    private String adminToken;
    private long adminTokenAt;
    private final StringBuilder report = new StringBuilder(
            "| stored events | generated in | streamed (all, NDJSON) | events/s streamed | rebuild of all projections | events/s rebuilt |\n"
                    + "|---|---|---|---|---|---|\n");

    @Test
    void streamAndRebuild() throws Exception {
        var jdbc = new JdbcTemplate(TestPlatform.bean(DataSource.class));
        for (int size : SIZES) {
            long stored = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
            long start = System.nanoTime();
            generate(jdbc, Math.max(0, size - stored));
            long generatedMillis = (System.nanoTime() - start) / 1_000_000;
            long total = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
            if (REBUILD && STREAM) {
                awaitCaughtUp(Duration.ofHours(1));
            }

            long lines = 0;
            long streamMillis = 0;
            if (STREAM) {
                start = System.nanoTime();
                lines = streamAll();
                streamMillis = Math.max(1, (System.nanoTime() - start) / 1_000_000);
                assertThat(lines).isGreaterThanOrEqualTo(total);
                System.out.println("streamed " + lines + " events in " + streamMillis + " ms");
            }
            if (!REBUILD) {
                report.append("| ").append(total).append(" | ").append(generatedMillis).append(" ms | ")
                        .append(streamMillis).append(" ms | ").append(lines * 1000 / streamMillis)
                        .append(" | not run (projections still catching up during the stream) | |\n");
                continue;
            }

            start = System.nanoTime();
            for (String projection : replayable()) {
                var replay = api.post("/api/v1/admin/projections/" + projection + "/replay", "{}", admin());
                assertThat(replay.status()).as(replay.toString()).isEqualTo(202);
            }
            awaitCaughtUp(Duration.ofHours(2));
            long rebuildMillis = Math.max(1, (System.nanoTime() - start) / 1_000_000);

            report.append("| ").append(total).append(" | ").append(generatedMillis).append(" ms | ")
                    .append(STREAM ? streamMillis + " ms | " + lines * 1000 / streamMillis : "not run | ").append(" | ")
                    .append(rebuildMillis).append(" ms (").append(replayable().size()).append(" projections) | ")
                    .append(total * 1000 / rebuildMillis).append(" |\n");
            System.out.println(report);
        }
        Path out = Path.of("target/benchmarks/audit.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
    }

    /** Appends {@code count} events (whole patients) in the stored form, in batches. */
    static void generate(JdbcTemplate jdbc, long count) {
        long patients = (count + EVENTS_PER_PATIENT - 1) / EVENTS_PER_PATIENT;
        List<Object[]> batch = new ArrayList<>();
        Instant now = Instant.now();
        for (long p = 0; p < patients; p++) {
            String id = UUID.randomUUID().toString();
            String meta = "{\"userId\":\"" + id + "\",\"role\":\"patient\",\"correlationId\":\"bench-" + p + "\"}";
            batch.add(row(id, 0, "com.healthmed.schema.patient.PatientRegisteredEvent", "1",
                    "{\"patientId\":\"" + id + "\",\"name\":\"Bench Patient " + p + "\",\"cpf\":\"" + String.format("%011d", CPF.getAndIncrement()) + "\","
                            + "\"email\":\"bench" + id + "@example.com\",\"phone\":\"+5511999990000\","
                            + "\"birthDate\":\"1990-01-01\",\"city\":\"Santos\",\"state\":\"SP\",\"location\":null}",
                    meta, now));
            for (int s = 1; s < EVENTS_PER_PATIENT; s++) {
                batch.add(row(id, s, "com.healthmed.schema.patient.PatientProfileUpdatedEvent", "2",
                        "{\"patientId\":\"" + id + "\",\"name\":\"Bench Patient " + p + "\",\"phone\":\"+55119999900"
                                + (10 + s) + "\",\"residence\":{\"city\":\"Santos\",\"state\":\"SP\"},\"location\":null}",
                        meta, now));
            }
            if (batch.size() >= 5_000) {
                insert(jdbc, batch);
            }
        }
        insert(jdbc, batch);
    }

    private static Object[] row(String aggregateId, long sequence, String type, String revision, String payload,
                                String meta, Instant at) {
        return new Object[]{UUID.randomUUID().toString(), aggregateId, sequence, at.toString(), type, revision,
                payload.getBytes(StandardCharsets.UTF_8), meta.getBytes(StandardCharsets.UTF_8)};
    }

    private static void insert(JdbcTemplate jdbc, List<Object[]> batch) {
        jdbc.batchUpdate("""
                INSERT INTO domainevententry (eventidentifier, aggregateidentifier, sequencenumber, type, timestamp,
                    payloadtype, payloadrevision, payload, metadata) VALUES (?, ?, ?, 'Patient', ?, ?, ?, ?, ?)""", batch);
        batch.clear();
    }

    /** Reads the whole history line by line, as a client would, without keeping it. */
    private long streamAll() throws Exception {
        var request = HttpRequest.newBuilder(URI.create(TestPlatform.apiUrl() + "/api/v1/audit/events"))
                .header("Authorization", "Bearer " + admin()).timeout(Duration.ofHours(1)).build();
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        long lines = 0;
        try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            while (reader.readLine() != null) {
                lines++;
            }
        }
        return lines;
    }

    /** One login per minute (tokens expire; a login costs ~50 ms of CPU, never one per request). */
    private String admin() {
        if (adminToken == null || System.nanoTime() - adminTokenAt > 60_000_000_000L) {
            adminToken = api.login("admin", "healthmed-dev-admin");
            adminTokenAt = System.nanoTime();
        }
        return adminToken;
    }

    private List<String> replayable() {
        List<String> names = new ArrayList<>();
        api.get("/api/v1/admin/projections", admin()).body().path("processingGroups").forEach(g -> {
            if (g.path("replayable").asBoolean()) {
                names.add(g.path("name").asText());
            }
        });
        return names;
    }

    private void awaitCaughtUp(Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(500)).until(() -> {
            var groups = api.get("/api/v1/admin/projections", admin()).body().path("processingGroups");
            for (var g : groups) {
                if (g.path("replayable").asBoolean() && (!g.path("caughtUp").asBoolean()
                        || g.path("replaying").asBoolean() || g.path("lag").asLong() != 0)) {
                    return false;
                }
            }
            return true;
        });
    }
}
