package com.healthmed.standalone.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tamper evidence: a hash chain over the event store in global order. The untouched history verifies; one
 * payload changed directly in PostgreSQL is detected at its global position, by the endpoint and by
 * {@code ./healthmed audit-verify}.
 */
@ExtendWith(TestPlatform.class)
class HashChainIT {

    private final Api api = TestPlatform.api();
    private final String auditor = api.login("admin", "healthmed-dev-admin");

    @Test
    void theUntouchedHistoryVerifiesAndOneChangedPayloadIsNamedByItsPosition() throws Exception {
        var patient = Scenario.patient(api);
        JsonNode registered = Api.JSON.readTree(api.exchange("GET", "/api/v1/audit/events?aggregateId="
                + patient.id(), auditor, null, Map.of()).body().lines().findFirst().orElseThrow());
        long position = registered.path("position").asLong();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                api.get("/api/v1/audit/checkpoints?after=" + (position - 1) + "&limit=1", auditor)
                        .body().path("chainedUpTo").asLong() >= position);

        var page = api.get("/api/v1/audit/checkpoints?after=" + (position - 1) + "&limit=1", auditor);
        assertThat(page.body().at("/checkpoints/0/position").asLong()).isEqualTo(position);
        assertThat(page.body().at("/checkpoints/0/hash").asText()).matches("[0-9a-f]{64}");
        var untouched = api.get("/api/v1/audit/checkpoints/verification", auditor);
        assertThat(untouched.status()).as(untouched.toString()).isEqualTo(200);
        assertThat(untouched.body().path("verified").asBoolean()).as(untouched.toString()).isTrue();
        // positions of rolled-back appends (e.g. lost races between nodes) are gaps: count the stored events
        Long stored = new JdbcTemplate(TestPlatform.bean(DataSource.class)).queryForObject(
                "SELECT count(*) FROM domainevententry WHERE globalindex <= ?", Long.class, position);
        assertThat(untouched.body().path("checked").asLong()).isGreaterThanOrEqualTo(stored);
        assertThat(healthmedAuditVerify()).isZero();
        assertThat(api.get("/api/v1/audit/checkpoints", patient.token()).status()).isEqualTo(403);

        var jdbc = new JdbcTemplate(TestPlatform.bean(DataSource.class));
        byte[] original = jdbc.queryForObject("SELECT payload FROM domainevententry WHERE globalindex = ?",
                byte[].class, position);
        String forged = new String(original, StandardCharsets.UTF_8).replace("\"name\":\"", "\"name\":\"Forged ");
        assertThat(forged).isNotEqualTo(new String(original, StandardCharsets.UTF_8));
        try {
            jdbc.update("UPDATE domainevententry SET payload = ? WHERE globalindex = ?",
                    forged.getBytes(StandardCharsets.UTF_8), position);

            var tampered = api.get("/api/v1/audit/checkpoints/verification", auditor);
            assertThat(tampered.body().path("verified").asBoolean()).isFalse();
            assertThat(tampered.body().path("firstMismatch").asLong()).isEqualTo(position);
            assertThat(tampered.body().path("aggregateId").asText()).isEqualTo(patient.id());
            assertThat(tampered.body().path("reason").asText()).isEqualTo("altered");
            assertThat(healthmedAuditVerify()).isEqualTo(1);
        } finally {
            jdbc.update("UPDATE domainevententry SET payload = ? WHERE globalindex = ?", original, position);
        }
        assertThat(api.get("/api/v1/audit/checkpoints/verification", auditor).body().path("verified").asBoolean())
                .isTrue();
    }

    private static int healthmedAuditVerify() throws IOException, InterruptedException {
        File root = new File("..").getCanonicalFile();
        var process = new ProcessBuilder(new File(root, "healthmed").getPath(), "audit-verify")
                .directory(root).redirectErrorStream(true);
        process.environment().put("HEALTHMED_URL", TestPlatform.apiUrl());
        Process running = process.start();
        String output = new String(running.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(running.waitFor(60, TimeUnit.SECONDS)).isTrue();
        System.out.println("./healthmed audit-verify: " + output);
        return running.exitValue();
    }
}
