package com.healthmed.standalone.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Auditors read the complete, attributable history: every event carries who caused it (user, role, correlation
 * id from the request), what the platform did by itself is {@code system}, the history streams as NDJSON with
 * filters and resumption, and reading it is itself recorded for admins.
 */
@ExtendWith(TestPlatform.class)
class AuditEndToEndIT {

    private final Api api = TestPlatform.api();
    private final String auditor = api.login("admin", "healthmed-dev-admin");

    @Test
    void theCorrelationIdOfARequestIsEchoedWhenValidAndGeneratedOtherwise() {
        var patient = Scenario.patient(api);
        String mine = "audit-" + UUID.randomUUID();

        var kept = api.exchange("GET", "/api/v1/me", patient.token(), null, Map.of("X-Correlation-Id", mine));
        var replaced = api.exchange("GET", "/api/v1/me", patient.token(), null,
                Map.of("X-Correlation-Id", "not valid!" + "x".repeat(70)));
        var generated = api.exchange("GET", "/api/v1/me", patient.token(), null, Map.of());

        assertThat(kept.headers().firstValue("X-Correlation-Id")).contains(mine);
        assertThat(replaced.headers().firstValue("X-Correlation-Id").orElseThrow()).matches("[0-9a-f-]{36}");
        assertThat(generated.headers().firstValue("X-Correlation-Id").orElseThrow()).matches("[0-9a-f-]{36}");
    }

    @Test
    void everyEventNamesItsUserRoleAndCorrelationIdAndWhatThePlatformDidItselfIsSystem() {
        var doctor = Scenario.verifiedDoctor(api);
        var patient = Scenario.patient(api);
        Instant start = Scenario.hoursFromNow(9);
        Scenario.publish(api, doctor, start, 1);
        String correlationId = "booking-" + UUID.randomUUID();
        var booked = api.exchange("POST", "/api/v1/appointments", patient.token(),
                Scenario.booking(doctor, start).toString(), Map.of("X-Correlation-Id", correlationId));
        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
        String appointmentId = json(booked.body()).path("id").asText();

        List<JsonNode> registration = events("aggregateId=" + enc(patient.id()));
        assertThat(registration).isNotEmpty();
        JsonNode registered = registration.getFirst();
        assertThat(registered.path("type").asText()).endsWith("PatientRegisteredEvent");
        assertThat(registered.path("sequenceNumber").asLong()).isZero();
        assertThat(registered.path("aggregateType").asText()).isEqualTo("Patient");
        assertThat(registered.path("revision").asText()).isNotBlank();
        assertThat(registered.at("/metaData/userId").asText()).isEqualTo("anonymous");
        assertThat(registered.at("/metaData/correlationId").asText()).isNotBlank();
        assertThat(registered.path("payload").isObject()).isTrue();

        // the booking request books the slot and requests the appointment, both by the patient, in that order
        await().atMost(Duration.ofSeconds(10)).until(() -> !events("aggregateId=" + enc(appointmentId)).isEmpty());
        List<JsonNode> byCorrelation = events("aggregateType=Appointment&type=AppointmentRequestedEvent")
                .stream().filter(e -> e.path("aggregateId").asText().equals(appointmentId)).toList();
        assertThat(byCorrelation).as("requested once, although the saga sends the command again").hasSize(1);
        JsonNode requested = byCorrelation.getFirst();
        assertThat(requested.at("/metaData/userId").asText()).isEqualTo(patient.id());
        assertThat(requested.at("/metaData/role").asText()).isEqualTo("patient");
        assertThat(requested.at("/metaData/correlationId").asText()).isEqualTo(correlationId);
        JsonNode slotBooked = events("type=SlotBookedEvent").stream()
                .filter(e -> e.at("/payload/appointmentId").asText().equals(appointmentId)).findFirst().orElseThrow();
        assertThat(slotBooked.at("/metaData/userId").asText()).isEqualTo(patient.id());
        assertThat(slotBooked.at("/metaData/role").asText()).isEqualTo("patient");
        assertThat(slotBooked.at("/metaData/correlationId").asText()).isEqualTo(correlationId);
        assertThat(slotBooked.path("position").asLong()).isLessThan(requested.path("position").asLong());

        // the cancellation is the patient's; the slot is released by the process (system) on the patient's behalf
        String cancellationId = "cancellation-" + UUID.randomUUID();
        var cancelled = api.exchange("POST", "/api/v1/appointments/" + appointmentId + "/cancellation", patient.token(),
                "{\"justification\":\"Mudei de ideia, desculpe\"}", Map.of("X-Correlation-Id", cancellationId));
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> events("type=SlotReleasedEvent").stream()
                .anyMatch(e -> e.at("/payload/appointmentId").asText().equals(appointmentId)));
        JsonNode released = events("type=SlotReleasedEvent").stream()
                .filter(e -> e.at("/payload/appointmentId").asText().equals(appointmentId)).findFirst().orElseThrow();
        assertThat(released.at("/metaData/userId").asText()).isEqualTo("system");
        assertThat(released.at("/metaData/role").asText()).isEqualTo("system");
        assertThat(released.at("/metaData/onBehalfOf").asText()).isEqualTo(patient.id());
        assertThat(released.at("/metaData/correlationId").asText()).isEqualTo(cancellationId);
    }

    @Test
    void anExpiryByItsDeadlineIsSystemOnBehalfOfThePatientWithTheBookingsCorrelationId() {
        var doctor = Scenario.verifiedDoctor(api);
        var patient = Scenario.patient(api);
        Instant start = Scenario.hoursFromNow(10);
        Scenario.publish(api, doctor, start, 1);
        String correlationId = "expiring-" + UUID.randomUUID();
        var booked = api.exchange("POST", "/api/v1/appointments", patient.token(),
                Scenario.booking(doctor, start).toString(), Map.of("X-Correlation-Id", correlationId));
        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
        String appointmentId = json(booked.body()).path("id").asText();

        // the deadline fires after TestPlatform.ANSWER_DEADLINE; JobRunr polls every 5 s
        await().atMost(TestPlatform.ANSWER_DEADLINE.plusSeconds(30)).pollInterval(Duration.ofSeconds(2)).until(() ->
                events("aggregateId=" + enc(appointmentId)).stream()
                        .anyMatch(e -> e.path("type").asText().endsWith("AppointmentRequestExpiredEvent")));
        JsonNode expired = events("aggregateId=" + enc(appointmentId)).stream()
                .filter(e -> e.path("type").asText().endsWith("AppointmentRequestExpiredEvent")).findFirst().orElseThrow();
        assertThat(expired.at("/metaData/userId").asText()).isEqualTo("system");
        assertThat(expired.at("/metaData/role").asText()).isEqualTo("system");
        assertThat(expired.at("/metaData/onBehalfOf").asText()).isEqualTo(patient.id());
        assertThat(expired.at("/metaData/correlationId").asText()).isEqualTo(correlationId);
    }

    @Test
    void theHistoryStreamsInGlobalOrderResumesAfterAPositionAndIsForAuditorsOnly() {
        var patient = Scenario.patient(api);
        api.patch("/api/v1/me", Api.JSON.createObjectNode().put("city", "Campinas"), patient.token());
        api.patch("/api/v1/me", Api.JSON.createObjectNode().put("city", "Santos"), patient.token());

        List<JsonNode> all = events("aggregateId=" + enc(patient.id()));
        assertThat(all).hasSize(3);
        assertThat(all).extracting(e -> e.path("sequenceNumber").asLong()).containsExactly(0L, 1L, 2L);
        assertThat(all.get(2).at("/payload/residence/city").asText()).isEqualTo("Santos");
        assertThat(all.get(1).at("/metaData/userId").asText()).isEqualTo(patient.id());
        long first = all.get(0).path("position").asLong();
        assertThat(events("aggregateId=" + enc(patient.id()) + "&limit=2")).hasSize(2);
        assertThat(events("aggregateId=" + enc(patient.id()) + "&after=" + first))
                .extracting(e -> e.path("sequenceNumber").asLong()).containsExactly(1L, 2L);
        List<JsonNode> firstTen = events("limit=10");
        assertThat(firstTen).hasSize(10);
        assertThat(firstTen).extracting(e -> e.path("position").asLong()).isSorted();

        var refused = api.exchange("GET", "/api/v1/audit/events", patient.token(), null, Map.of());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/audit/events?limit=0", auditor).status()).isEqualTo(400);
    }

    @Test
    void readingTheHistoryIsRecordedAndAdminsSeeWhoAskedWhatAndWhen() {
        String marker = "marker-" + UUID.randomUUID();
        Instant before = Instant.now();
        events("aggregateId=" + marker);

        var reads = api.exchange("GET", "/api/v1/admin/audit-reads", auditor, null, Map.of());
        assertThat(reads.statusCode()).isEqualTo(200);
        List<JsonNode> mine = lines(reads.body()).stream()
                .filter(e -> e.at("/payload/request").asText().contains(marker)).toList();
        assertThat(mine).hasSize(1);
        assertThat(mine.getFirst().at("/payload/username").asText()).isEqualTo("admin");
        assertThat(mine.getFirst().at("/payload/userId").asText()).isNotBlank();
        assertThat(Instant.parse(mine.getFirst().at("/payload/at").asText())).isAfterOrEqualTo(before.minusSeconds(1));
        var patient = Scenario.patient(api);
        assertThat(api.exchange("GET", "/api/v1/admin/audit-reads", patient.token(), null, Map.of()).statusCode())
                .isEqualTo(403);
    }

    private List<JsonNode> events(String query) {
        HttpResponse<String> response = api.exchange("GET", "/api/v1/audit/events?" + query, auditor, null, Map.of());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/x-ndjson");
        return lines(response.body());
    }

    private static List<JsonNode> lines(String body) {
        return body.lines().filter(line -> !line.isBlank()).map(AuditEndToEndIT::json).toList();
    }

    private static JsonNode json(String text) {
        try {
            return Api.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
