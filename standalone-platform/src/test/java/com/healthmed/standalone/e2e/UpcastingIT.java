package com.healthmed.standalone.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code PatientProfileUpdatedEvent} changed shape (revision 2: city and state grouped as {@code residence}).
 * An event stored exactly as revision 1 was written by the previous code is read as revision 2 by the aggregate
 * (the next update builds on it) and by the projection (the profile shows it).
 */
@ExtendWith(TestPlatform.class)
class UpcastingIT {

    private final Api api = TestPlatform.api();

    @Test
    void aStoredRevisionOneEventIsReadAsRevisionTwoByTheAggregateAndTheProjection() {
        var patient = Scenario.patient(api);
        String name = patient.registration().get("name").asText();
        String revision1 = "{\"patientId\":\"" + patient.id() + "\",\"name\":\"" + name + "\","
                + "\"phone\":\"+5581999990000\",\"city\":\"Recife\",\"state\":\"PE\",\"location\":null}";
        new JdbcTemplate(TestPlatform.bean(DataSource.class)).update("""
                        INSERT INTO domainevententry (eventidentifier, aggregateidentifier, sequencenumber, type,
                            timestamp, payloadtype, payloadrevision, payload, metadata)
                        VALUES (?, ?, 1, 'Patient', ?, 'com.healthmed.schema.patient.PatientProfileUpdatedEvent', '1', ?, ?)""",
                UUID.randomUUID().toString(), patient.id(), Instant.now().toString(),
                revision1.getBytes(StandardCharsets.UTF_8),
                "{\"userId\":\"legacy\",\"role\":\"patient\"}".getBytes(StandardCharsets.UTF_8));

        // the projection
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var me = api.get("/api/v1/me", patient.token());
            assertThat(me.text("city")).isEqualTo("Recife");
            assertThat(me.text("state")).isEqualTo("PE");
            assertThat(me.text("phone")).isEqualTo("+5581999990000");
        });

        // the aggregate: an update of the name only keeps what the old event set
        var renamed = api.patch("/api/v1/me", Api.JSON.createObjectNode().put("name", "Ana Costa"), patient.token());
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        String admin = api.login("admin", "healthmed-dev-admin");
        var history = api.exchange("GET", "/api/v1/audit/events?aggregateId=" + patient.id(), admin, null, Map.of());
        List<JsonNode> events = history.body().lines().map(UpcastingIT::json).toList();
        assertThat(events).hasSize(3);
        JsonNode old = events.get(1);
        assertThat(old.path("revision").asText()).isEqualTo("2");
        assertThat(old.at("/payload/residence/city").asText()).isEqualTo("Recife");
        JsonNode next = events.get(2);
        assertThat(next.at("/payload/name").asText()).isEqualTo("Ana Costa");
        assertThat(next.at("/payload/phone").asText()).isEqualTo("+5581999990000");
        assertThat(next.at("/payload/residence/city").asText()).isEqualTo("Recife");
        assertThat(next.at("/payload/residence/state").asText()).isEqualTo("PE");
        assertThat(next.path("payload").has("city")).isFalse();
    }

    private static JsonNode json(String line) {
        try {
            return Api.JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
