package com.healthmed.standalone.e2e;

import jakarta.mail.internet.MimeMessage;
import com.healthmed.schema.scheduling.DoctorScheduleId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static com.healthmed.standalone.e2e.Scenario.booking;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Availability, agenda, booking, answers, cancellation, teleconsultation and e-mail, over HTTP (R2, R3, R6, R7, R9). */
@ExtendWith(TestPlatform.class)
class SchedulingEndToEndIT {

    private static final String PROBLEMS = "https://healthmed.example/problems/";
    private final Api api = TestPlatform.api();

    private List<String> agendaStarts(Scenario.Actor doctor, String token) {
        var agenda = api.get("/api/v1/doctors/" + doctor.id() + "/agenda", token);
        assertThat(agenda.status()).as(agenda.toString()).isEqualTo(200);
        return agenda.body().path("slots").findValuesAsText("start");
    }

    @Test
    void aPatientBooksAFreeSlotThatIsThenNoLongerOffered() {
        var doctor = Scenario.verifiedDoctor(api);
        var patient = Scenario.patient(api);
        Instant start = Scenario.hoursFromNow(1);
        Scenario.publish(api, doctor, start, 4);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(agendaStarts(doctor, patient.token()))
                .containsExactly(start.toString(), start.plusSeconds(3600).toString(),
                        start.plusSeconds(7200).toString(), start.plusSeconds(10800).toString()));
        var agenda = api.get("/api/v1/doctors/" + doctor.id() + "/agenda", patient.token());
        assertThat(agenda.body().at("/consultationPrice/amount").decimalValue()).isEqualByComparingTo("250.00");
        assertThat(agenda.body().path("timeZone").asText()).isEqualTo("America/Sao_Paulo");
        assertThat(agenda.body().at("/slots/0/localStart").asText()).endsWith("-03:00");

        var booked = api.post("/api/v1/appointments", booking(doctor, start), patient.token());

        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        assertThat(booked.text("status")).isEqualTo("REQUESTED");
        assertThat(booked.text("end")).isEqualTo(start.plusSeconds(50 * 60).toString());
        assertThat(booked.body().at("/price/amount").decimalValue()).isEqualByComparingTo("250.00");
        String appointmentId = booked.text("id");
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(agendaStarts(doctor, patient.token())).doesNotContain(start.toString()).hasSize(3));

        var other = Scenario.patient(api);
        var taken = api.post("/api/v1/appointments", booking(doctor, start), other.token());
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.problemType()).isEqualTo(PROBLEMS + "slot-unavailable");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            var mine = api.get("/api/v1/appointments/" + appointmentId, patient.token());
            assertThat(mine.status()).isEqualTo(200);
            assertThat(mine.text("status")).isEqualTo("REQUESTED");
        });
        assertThat(api.get("/api/v1/appointments/" + appointmentId, other.token()).status()).isEqualTo(404);
        var inbox = api.get("/api/v1/doctors/me/appointments?status=REQUESTED", doctor.token());
        assertThat(inbox.body().path("items").findValuesAsText("id")).containsExactly(appointmentId);
    }

    @Test
    void bookingsOutsideTheRulesAreRefusedWithASpecificType() {
        var doctor = Scenario.verifiedDoctor(api);
        var patient = Scenario.patient(api);
        Instant start = Scenario.hoursFromNow(2);
        Scenario.publish(api, doctor, start, 2);
        long events = TestPlatform.storedEventsCausedByRequests();

        var offGrid = api.post("/api/v1/appointments", booking(doctor, start.plusSeconds(600)), patient.token());
        var past = api.post("/api/v1/appointments", booking(doctor, Instant.now().minusSeconds(3600)), patient.token());
        var tooSoon = api.post("/api/v1/appointments", booking(doctor, Instant.now().plusSeconds(1800)), patient.token());
        var tooFar = api.post("/api/v1/appointments", booking(doctor, start.plus(Duration.ofDays(120))), patient.token());
        var noDoctor = api.post("/api/v1/appointments", Api.JSON.createObjectNode()
                .put("doctorId", "no-such-doctor").put("start", start.toString()), patient.token());
        var noStart = api.post("/api/v1/appointments", Api.JSON.createObjectNode().put("doctorId", doctor.id()),
                patient.token());
        var byDoctor = api.post("/api/v1/appointments", booking(doctor, start), doctor.token());

        assertThat(offGrid.status()).isEqualTo(422);
        assertThat(offGrid.problemType()).isEqualTo(PROBLEMS + "outside-availability");
        assertThat(past.status()).isEqualTo(422);
        assertThat(past.problemType()).isEqualTo(PROBLEMS + "start-in-past");
        assertThat(tooSoon.status()).isEqualTo(422);
        assertThat(tooSoon.problemType()).isEqualTo(PROBLEMS + "too-short-notice");
        assertThat(tooFar.status()).isEqualTo(422);
        assertThat(tooFar.problemType()).isEqualTo(PROBLEMS + "beyond-booking-horizon");
        assertThat(noDoctor.status()).isEqualTo(422);
        assertThat(noDoctor.problemType()).isEqualTo(PROBLEMS + "doctor-not-verified");
        assertThat(noStart.status()).isEqualTo(400);
        assertThat(byDoctor.status()).isEqualTo(403);
        assertThat(TestPlatform.storedEventsCausedByRequests()).isEqualTo(events);
    }

    @Test
    void aWeeklyPatternBecomesWindowsInTheDoctorsTimeZone() {
        var doctor = Scenario.verifiedDoctor(api);
        var patient = Scenario.patient(api);
        var nextMonday = java.time.LocalDate.now(java.time.ZoneId.of("America/Sao_Paulo"))
                .with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.MONDAY));
        var pattern = Api.JSON.createObjectNode().put("startTime", "08:00").put("endTime", "10:00")
                .put("firstDay", nextMonday.toString()).put("weeks", 2).put("slotMinutes", 50).put("bufferMinutes", 10);
        pattern.putArray("weekdays").add("MONDAY").add("WEDNESDAY");

        // the schedule opens a moment after the verification (an event handler does it): retry until then
        var answer = new Api.Response[1];
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            answer[0] = api.post("/api/v1/doctors/me/availability/recurring", pattern, doctor.token());
            return !(PROBLEMS + "doctor-not-verified").equals(answer[0].problemType());
        });
        var published = answer[0];

        assertThat(published.status()).as(published.toString()).isEqualTo(201);
        assertThat(published.body().path("windows").size()).isEqualTo(4);
        Instant firstStart = nextMonday.atTime(8, 0).atZone(java.time.ZoneId.of("America/Sao_Paulo")).toInstant();
        assertThat(published.body().at("/windows/0/start").asText()).isEqualTo(firstStart.toString());
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(api.get("/api/v1/doctors/me/availability", doctor.token()).body().size()).isEqualTo(4));
        var agenda = api.get("/api/v1/doctors/" + doctor.id() + "/agenda?from=" + firstStart + "&to="
                + firstStart.plus(Duration.ofDays(1)), patient.token());
        assertThat(agenda.body().path("slots").findValuesAsText("localStart"))
                .containsExactly(nextMonday + "T08:00:00-03:00", nextMonday + "T09:00:00-03:00");
    }

    @Test
    void anUnverifiedDoctorCannotPublish() {
        var body = People.doctor();
        api.post("/api/v1/doctors", body, null);
        String token = api.login(body.at("/crm/number").asText() + "-SP", People.PASSWORD);
        var window = Api.JSON.createObjectNode().put("slotMinutes", 50);
        Instant start = Scenario.hoursFromNow(1);
        window.putArray("windows").addObject().put("start", start.toString()).put("end", start.plusSeconds(3600).toString());

        var refused = api.post("/api/v1/doctors/me/availability", window, token);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.problemType()).isEqualTo(PROBLEMS + "doctor-not-verified");
    }

    @Test
    void invalidOrOverlappingWindowsAreRefusedAndBookedWindowsAreProtected() {
        var doctor = Scenario.verifiedDoctor(api);
        var patient = Scenario.patient(api);
        Instant start = Scenario.hoursFromNow(3);
        String windowId = Scenario.publish(api, doctor, start, 3);

        var backwards = Api.JSON.createObjectNode().put("slotMinutes", 50);
        backwards.putArray("windows").addObject().put("start", start.plusSeconds(7200 * 10).toString())
                .put("end", start.plusSeconds(3600 * 10).toString());
        var overlapping = Api.JSON.createObjectNode().put("slotMinutes", 50);
        overlapping.putArray("windows").addObject().put("start", start.plusSeconds(3600).toString())
                .put("end", start.plusSeconds(5 * 3600).toString());
        assertThat(api.post("/api/v1/doctors/me/availability", backwards, doctor.token()).problemType())
                .isEqualTo(PROBLEMS + "invalid-availability-window");
        var overlap = api.post("/api/v1/doctors/me/availability", overlapping, doctor.token());
        assertThat(overlap.status()).isEqualTo(409);
        assertThat(overlap.problemType()).isEqualTo(PROBLEMS + "availability-overlap");

        Instant last = start.plusSeconds(2 * 3600);
        String appointmentId = api.post("/api/v1/appointments", booking(doctor, last), patient.token()).text("id");
        var shrink = Api.JSON.createObjectNode().put("start", start.toString())
                .put("end", start.plusSeconds(2 * 3600).toString()).put("slotMinutes", 50).put("bufferMinutes", 10);
        var revised = api.put("/api/v1/doctors/me/availability/" + windowId, shrink, doctor.token());
        assertThat(revised.status()).isEqualTo(409);
        assertThat(revised.problemType()).isEqualTo(PROBLEMS + "availability-has-bookings");
        assertThat(revised.body().path("related").toString()).contains(appointmentId);
        var withdrawn = api.delete("/api/v1/doctors/me/availability/" + windowId, doctor.token());
        assertThat(withdrawn.status()).isEqualTo(409);

        var later = Api.JSON.createObjectNode().put("start", start.plusSeconds(3600).toString())
                .put("end", start.plusSeconds(3 * 3600).toString()).put("slotMinutes", 50).put("bufferMinutes", 10);
        assertThat(api.put("/api/v1/doctors/me/availability/" + windowId, later, doctor.token()).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(agendaStarts(doctor, patient.token())).containsExactly(start.plusSeconds(3600).toString()));
    }

    @Test
    void anIdempotencyKeyReplaysTheSameAnswerAndNeverBooksTwice() {
        var doctor = Scenario.verifiedDoctor(api);
        var patient = Scenario.patient(api);
        Instant start = Scenario.hoursFromNow(4);
        Scenario.publish(api, doctor, start, 2);

        var first = api.post("/api/v1/appointments", booking(doctor, start), patient.token(), "Idempotency-Key", "k-1");
        var again = api.post("/api/v1/appointments", booking(doctor, start), patient.token(), "Idempotency-Key", "k-1");
        await().atMost(Duration.ofSeconds(5)).until(() ->
                api.get("/api/v1/appointments/" + first.text("id"), patient.token()).status() == 200);
        var afterProjection = api.post("/api/v1/appointments", booking(doctor, start), patient.token(),
                "Idempotency-Key", "k-1");
        var otherBody = api.post("/api/v1/appointments", booking(doctor, start.plusSeconds(3600)), patient.token(),
                "Idempotency-Key", "k-1");

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.text("id")).isEqualTo(first.text("id"));
        assertThat(again.text("end")).isEqualTo(first.text("end"));
        assertThat(afterProjection.status()).isEqualTo(201);
        assertThat(afterProjection.text("id")).isEqualTo(first.text("id"));
        assertThat(otherBody.status()).isEqualTo(422);
        assertThat(otherBody.problemType()).isEqualTo(PROBLEMS + "idempotency-key-reused");
        var mine = api.get("/api/v1/appointments", patient.token());
        assertThat(mine.body().path("total").asInt()).isEqualTo(1);
        assertThat(TestPlatform.storedEvents(DoctorScheduleId.of(doctor.id()), "SlotBookedEvent")).isEqualTo(1);
        assertThat(TestPlatform.storedEvents(first.text("id"), "AppointmentRequestedEvent")).isEqualTo(1);
    }

    @Test
    void theDoctorAnswersThePatientCancelsAndTheSlotComesBack() throws Exception {
        var doctor = Scenario.verifiedDoctor(api);
        var patient = Scenario.patient(api);
        Instant start = Scenario.hoursFromNow(5);
        Scenario.publish(api, doctor, start, 1);
        String id = Scenario.requestedAppointment(api, doctor, patient, start);

        assertThat(api.post("/api/v1/appointments/" + id + "/acceptance", "{}", patient.token()).status()).isEqualTo(403);
        var otherDoctor = Scenario.verifiedDoctor(api);
        assertThat(api.post("/api/v1/appointments/" + id + "/acceptance", "{}", otherDoctor.token()).status()).isEqualTo(404);
        var accepted = api.post("/api/v1/appointments/" + id + "/acceptance", "{}", doctor.token());
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        var refuseAfterAccept = api.post("/api/v1/appointments/" + id + "/refusal", "{}", doctor.token());
        assertThat(refuseAfterAccept.status()).isEqualTo(409);
        assertThat(refuseAfterAccept.problemType()).isEqualTo(PROBLEMS + "illegal-appointment-transition");

        var blank = api.post("/api/v1/appointments/" + id + "/cancellation",
                Api.JSON.createObjectNode().put("justification", "   "), patient.token());
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.body().path("errors").findValuesAsText("field")).contains("justification");
        var cancelled = api.post("/api/v1/appointments/" + id + "/cancellation",
                Api.JSON.createObjectNode().put("justification", "Surgiu um compromisso de trabalho"), patient.token());
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        var twice = api.post("/api/v1/appointments/" + id + "/cancellation",
                Api.JSON.createObjectNode().put("justification", "Surgiu um compromisso de trabalho"), patient.token());
        assertThat(twice.status()).isEqualTo(409);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            var mine = api.get("/api/v1/appointments/" + id, patient.token());
            assertThat(mine.text("status")).isEqualTo("CANCELLED");
            assertThat(mine.text("cancelledBy")).isEqualTo("PATIENT");
            assertThat(mine.text("cancellationJustification")).isEqualTo("Surgiu um compromisso de trabalho");
            assertThat(agendaStarts(doctor, patient.token())).containsExactly(start.toString());
        });
        var teleconsultation = api.get("/api/v1/appointments/" + id + "/teleconsultation", patient.token());
        assertThat(teleconsultation.status()).isEqualTo(409);

        String doctorEmail = doctor.registration().get("email").asText();
        String patientEmail = patient.registration().get("email").asText();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(mailTo(doctorEmail)).anySatisfy(subject ->
                    assertThat(subject).contains("Nova solicitação de consulta").contains("Maria Silva"));
            assertThat(mailTo(patientEmail)).anySatisfy(subject -> assertThat(subject).contains("Consulta confirmada"));
            assertThat(mailTo(patientEmail)).anySatisfy(subject -> assertThat(subject).contains("Consulta cancelada"));
        });
    }

    @Test
    void aRefusalFreesTheSlot() {
        var doctor = Scenario.verifiedDoctor(api);
        var patient = Scenario.patient(api);
        Instant start = Scenario.hoursFromNow(6);
        Scenario.publish(api, doctor, start, 1);
        String id = Scenario.requestedAppointment(api, doctor, patient, start);

        var refused = api.post("/api/v1/appointments/" + id + "/refusal",
                Api.JSON.createObjectNode().put("reason", "Agenda cheia"), doctor.token());

        assertThat(refused.status()).as(refused.toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(api.get("/api/v1/appointments/" + id, patient.token()).text("status")).isEqualTo("REFUSED");
            assertThat(agendaStarts(doctor, patient.token())).containsExactly(start.toString());
        });
        var other = Scenario.patient(api);
        assertThat(api.post("/api/v1/appointments", booking(doctor, start), other.token()).status()).isEqualTo(201);
    }

    @Test
    void anUnansweredRequestExpiresThroughItsPersistentDeadlineAndFreesTheSlot() {
        var doctor = Scenario.verifiedDoctor(api);
        var patient = Scenario.patient(api);
        Instant start = Scenario.hoursFromNow(8);
        Scenario.publish(api, doctor, start, 1);

        String id = api.post("/api/v1/appointments", booking(doctor, start), patient.token()).text("id");

        // the platform under test answers deadlines after TestPlatform.ANSWER_DEADLINE; JobRunr polls every 5 s
        await().atMost(TestPlatform.ANSWER_DEADLINE.plusSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            var appointment = api.get("/api/v1/appointments/" + id, patient.token());
            assertThat(appointment.text("status")).isEqualTo("EXPIRED");
            assertThat(agendaStarts(doctor, patient.token())).containsExactly(start.toString());
        });
        var late = api.post("/api/v1/appointments/" + id + "/acceptance", "{}", doctor.token());
        assertThat(late.status()).isEqualTo(409);
    }

    @Test
    void theMeetingLinkIsForTheParticipantsAndOnlyAroundTheStart() {
        var doctor = Scenario.verifiedDoctor(api);
        var patient = Scenario.patient(api);
        Instant start = Scenario.hoursFromNow(7);
        Scenario.publish(api, doctor, start, 1);
        String id = Scenario.requestedAppointment(api, doctor, patient, start);
        api.post("/api/v1/appointments/" + id + "/acceptance", "{}", doctor.token());
        await().atMost(Duration.ofSeconds(5)).until(() ->
                "CONFIRMED".equals(api.get("/api/v1/appointments/" + id, patient.token()).text("status")));

        var early = api.get("/api/v1/appointments/" + id + "/teleconsultation", patient.token());
        assertThat(early.status()).isEqualTo(403);
        assertThat(early.problemType()).isEqualTo(PROBLEMS + "teleconsultation-not-open");
        assertThat(early.text("opensAt")).isEqualTo(start.minusSeconds(600).toString());
        assertThat(early.text("closesAt")).isEqualTo(start.plusSeconds(3000).toString());

        Duration toFiveMinutesBefore = Duration.between(TestPlatform.CLOCK.instant(), start.minusSeconds(300));
        TestPlatform.CLOCK.shift(toFiveMinutesBefore);
        try {
            var forPatient = api.get("/api/v1/appointments/" + id + "/teleconsultation", patient.token());
            var forDoctor = api.get("/api/v1/appointments/" + id + "/teleconsultation", doctor.token());
            var forStranger = api.get("/api/v1/appointments/" + id + "/teleconsultation", Scenario.patient(api).token());
            assertThat(forPatient.status()).as(forPatient.toString()).isEqualTo(200);
            assertThat(forPatient.text("url")).matches("https://meet\\.jit\\.si/healthmed-[0-9a-f]{32}");
            assertThat(forDoctor.text("url")).isEqualTo(forPatient.text("url"));
            assertThat(forStranger.status()).isEqualTo(404);
            TestPlatform.CLOCK.shift(Duration.between(Instant.now(), start.plusSeconds(3000)));
            assertThat(api.get("/api/v1/appointments/" + id + "/teleconsultation", patient.token()).status())
                    .isEqualTo(403);
        } finally {
            TestPlatform.CLOCK.reset();
        }
    }

    private static List<String> mailTo(String address) throws Exception {
        List<String> subjects = new java.util.ArrayList<>();
        for (MimeMessage message : TestPlatform.receivedMail()) {
            if (java.util.Arrays.stream(message.getAllRecipients()).anyMatch(r -> r.toString().equalsIgnoreCase(address))) {
                subjects.add(message.getSubject());
            }
        }
        return subjects;
    }
}
