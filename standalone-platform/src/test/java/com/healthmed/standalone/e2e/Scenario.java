package com.healthmed.standalone.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.healthmed.schema.scheduling.DoctorScheduleId;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.awaitility.Awaitility.await;

/** Ready-made actors: a verified doctor with availability, patients, all logged in once. */
final class Scenario {

    record Actor(String id, String token, ObjectNode registration) {
    }

    private Scenario() {
    }

    static Actor patient(Api api) {
        var body = People.patient();
        String id = api.post("/api/v1/patients", body, null).text("id");
        return new Actor(id, api.login(body.get("email").asText(), People.PASSWORD), body);
    }

    /** A doctor verified by the administrator, whose schedule is open for publishing. */
    static Actor verifiedDoctor(Api api) {
        var body = People.doctor();
        String id = api.post("/api/v1/doctors", body, null).text("id");
        String admin = api.login("admin", "healthmed-dev-admin");
        var verified = api.post("/api/v1/admin/doctors/" + id + "/verification", "{}", admin);
        if (verified.status() != 200) {
            throw new AssertionError("verification failed: " + verified);
        }
        // the schedule opens a moment after the verification (an event handler does it); a doctor is "verified"
        // for a test once it could publish, so no test depends on how fast that handler runs
        if (TestPlatform.serves(api)) {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() ->
                    TestPlatform.storedEvents(DoctorScheduleId.of(id), "DoctorScheduleOpenedEvent") == 1);
        }
        String token = api.login(body.at("/crm/number").asText() + "-SP", People.PASSWORD);
        return new Actor(id, token, body);
    }

    /** The start of a whole hour at least {@code days} days from now (by the platform's clock). */
    static Instant hoursFromNow(int days) {
        return TestPlatform.CLOCK.instant().plus(Duration.ofDays(days)).truncatedTo(ChronoUnit.HOURS);
    }

    /** Publishes one window [start, start + hours) with 50-minute slots every hour; returns the window id. */
    static String publish(Api api, Actor doctor, Instant start, int hours) {
        var body = Api.JSON.createObjectNode().put("slotMinutes", 50).put("bufferMinutes", 10);
        body.putArray("windows").addObject().put("start", start.toString())
                .put("end", start.plus(Duration.ofHours(hours)).toString());
        // the schedule opens a moment after the verification (an event handler does it): retry until then
        var published = new Api.Response[1];
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            published[0] = api.post("/api/v1/doctors/me/availability", body, doctor.token());
            return published[0].status() != 422 || !published[0].problemType().endsWith("/doctor-not-verified");
        });
        if (published[0].status() != 201) {
            throw new AssertionError("publishing failed: " + published[0]);
        }
        return published[0].body().at("/windows/0/windowId").asText();
    }

    /** Books {@code start} for the patient and waits until the appointment can be read; returns its id. */
    static String requestedAppointment(Api api, Actor doctor, Actor patient, Instant start) {
        var booked = api.post("/api/v1/appointments", booking(doctor, start), patient.token());
        if (booked.status() != 201) {
            throw new AssertionError("booking failed: " + booked);
        }
        String id = booked.text("id");
        await().atMost(Duration.ofSeconds(5)).until(() ->
                api.get("/api/v1/appointments/" + id, patient.token()).status() == 200);
        return id;
    }

    static ObjectNode booking(Actor doctor, Instant start) {
        return Api.JSON.createObjectNode().put("doctorId", doctor.id()).put("start", start.toString());
    }
}
