package com.healthmed.standalone.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import static com.healthmed.standalone.e2e.Api.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The limits the README documents, from the accepting side: what is at the limit goes through. */
@ExtendWith(TestPlatform.class)
class InputLimitsIT {

    private static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");

    private final Api api = TestPlatform.api();

    @Test
    void theDocumentedRecurringMaximumOf13WeeksIsAcceptedUpToTheBookingHorizon() {
        var doctor = Scenario.verifiedDoctor(api);
        var pattern = JSON.createObjectNode().put("startTime", "08:00").put("endTime", "12:00")
                .put("firstDay", LocalDate.now(SAO_PAULO).plusDays(1).toString()).put("weeks", 13)
                .put("slotMinutes", 50).put("bufferMinutes", 10);
        var weekdays = pattern.putArray("weekdays");
        for (DayOfWeek day : DayOfWeek.values()) {
            weekdays.add(day.name());
        }

        var published = new Api.Response[1];
        // the schedule opens, and the profile (time zone) is projected, a moment after the verification
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            published[0] = api.post("/api/v1/doctors/me/availability/recurring", pattern, doctor.token());
            return !(published[0].status() == 422 && published[0].problemType().endsWith("/doctor-not-verified"))
                    && !(published[0].status() == 404 && published[0].problemType().endsWith("/not-found"));
        });

        assertThat(published[0].status()).as(published[0].toString()).isEqualTo(201);
        var windows = published[0].body().path("windows");
        // 91 days from tomorrow: the last day or two lie beyond the 90-day horizon and are skipped
        assertThat(windows.size()).isBetween(88, 90);
        Instant horizon = TestPlatform.CLOCK.instant().plus(Duration.ofDays(90));
        windows.forEach(w -> assertThat(Instant.parse(w.path("end").asText())).isBeforeOrEqualTo(horizon));
    }

    @Test
    void aGrantCountsEachDocumentAndGroupOnce() {
        var patient = Scenario.patient(api);
        var doctor = Scenario.verifiedDoctor(api);
        var uploaded = api.multipart("/api/v1/records/me/documents", patient.token(), Map.of("group", "exams"), "a.pdf",
                "application/pdf", "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        String documentId = uploaded.text("documentId");
        var grant = JSON.createObjectNode().put("doctorId", doctor.id()).put("durationHours", 24);
        grant.putArray("documentIds").add(documentId).add(documentId).add(documentId);
        grant.putArray("groups").add("imaging").add("imaging");

        var granted = api.post("/api/v1/records/me/grants", grant, patient.token());

        assertThat(granted.status()).as(granted.toString()).isEqualTo(201);
        assertThat(granted.body().path("documentIds")).hasSize(1);
        assertThat(granted.body().path("groups")).hasSize(1);
    }

    @Test
    void aNameAcceptedAtRegistrationIsAcceptedByPatchAndTheOtherWayRound() {
        var patient = Scenario.patient(api);
        String name = "Ana D'Ávila-Souza Jr.";

        var changed = api.patch("/api/v1/me", JSON.createObjectNode().put("name", name), patient.token());
        var refused = api.patch("/api/v1/me", JSON.createObjectNode().put("name", "Ana (Bia)"), patient.token());
        var registration = People.patient().put("name", "Ana (Bia)");
        var refusedAtRegistration = api.post("/api/v1/patients", registration, null);

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.text("name")).isEqualTo(name);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("errors").findValuesAsText("field")).contains("name");
        assertThat(refusedAtRegistration.status()).isEqualTo(400);
        assertThat(refusedAtRegistration.body().path("errors").findValuesAsText("field")).contains("name");
    }
}
