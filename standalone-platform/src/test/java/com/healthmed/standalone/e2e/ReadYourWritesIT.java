package com.healthmed.standalone.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static com.healthmed.standalone.e2e.Scenario.booking;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** After a 201, the resource it names is readable by its owner at once, with the same body. */
@ExtendWith(TestPlatform.class)
class ReadYourWritesIT {

    private static final int BOOKINGS = 100;
    private static final int DOCTORS = 10;
    private final Api api = TestPlatform.api();

    @Test
    void everyBookingCanBeReadRightAfterItsAnswer() {
        List<Scenario.Actor> doctors = new ArrayList<>();
        Instant first = Scenario.hoursFromNow(8);
        for (int d = 0; d < DOCTORS; d++) {
            var doctor = Scenario.verifiedDoctor(api);
            Scenario.publish(api, doctor, first, BOOKINGS / DOCTORS);
            doctors.add(doctor);
        }
        var patients = List.of(Scenario.patient(api), Scenario.patient(api), Scenario.patient(api));
        int readable = 0;
        for (int i = 0; i < BOOKINGS; i++) {
            var doctor = doctors.get(i % DOCTORS);
            var patient = patients.get(i % patients.size());
            Instant start = first.plus(Duration.ofHours(i / DOCTORS));
            var booked = api.post("/api/v1/appointments", booking(doctor, start), patient.token());
            assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
            var read = api.get("/api/v1/appointments/" + booked.text("id"), patient.token());
            if (read.status() == 200) {
                readable++;
                assertThat(read.body()).as("the GET body equals the 201 body").isEqualTo(booked.body());
            }
            assertThat(booked.body().path("answerBy").isTextual()).as("answerBy in " + booked).isTrue();
        }
        assertThat(readable).isEqualTo(BOOKINGS);
    }

    /**
     * The 201 names an appointment that exists on the command side, not only one the saga will create later: with
     * the saga stopped, the booking can still be read and cancelled at once, and the saga, started again, frees
     * the slot.
     */
    @Test
    void aBookingCanBeCancelledRightAfterItsAnswerEvenWhileTheSagaIsBehind() {
        var doctor = Scenario.verifiedDoctor(api);
        var patient = Scenario.patient(api);
        Instant start = Scenario.hoursFromNow(8);
        Scenario.publish(api, doctor, start, 1);
        var saga = TestPlatform.bean(EventProcessingConfiguration.class)
                .eventProcessor("appointment-saga", StreamingEventProcessor.class).orElseThrow();
        saga.shutDown();
        String id;
        try {
            var booked = api.post("/api/v1/appointments", booking(doctor, start), patient.token());
            assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
            id = booked.text("id");
            assertThat(api.get("/api/v1/appointments/" + id, patient.token()).status()).isEqualTo(200);
            var cancelled = api.post("/api/v1/appointments/" + id + "/cancellation",
                    Api.JSON.createObjectNode().put("justification", "Mudei de ideia, desculpe"), patient.token());
            assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        } finally {
            saga.start();
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                api.get("/api/v1/doctors/" + doctor.id() + "/agenda", patient.token()).body().path("slots")
                        .findValuesAsText("start")).as("the cancelled slot is offered again").contains(start.toString()));
        assertThat(TestPlatform.storedEvents(id, "AppointmentRequestedEvent")).as("created once").isEqualTo(1);
    }

    @Test
    void anUploadAGrantAndAWindowAreReadableRightAfterTheirAnswers() {
        var patient = Scenario.patient(api);
        var doctor = Scenario.verifiedDoctor(api);

        var uploaded = api.multipart("/api/v1/records/me/documents", patient.token(), Map.of("group", "exams"),
                "exam.pdf", "application/pdf", RecordsEndToEndIT.PDF);
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        assertThat(api.bytes("/api/v1/records/me/documents/" + uploaded.text("documentId") + "/content",
                patient.token())).isEqualTo(RecordsEndToEndIT.PDF);

        var grantBody = Api.JSON.createObjectNode().put("doctorId", doctor.id()).put("durationHours", 2);
        grantBody.putArray("groups").add("exams");
        var granted = api.post("/api/v1/records/me/grants", grantBody, patient.token());
        assertThat(granted.status()).as(granted.toString()).isEqualTo(201);
        var grants = api.get("/api/v1/records/me/grants", patient.token());
        assertThat(ids(grants.body(), "grantId")).contains(granted.text("grantId"));

        String windowId = Scenario.publish(api, doctor, Scenario.hoursFromNow(9), 3);
        var windows = api.get("/api/v1/doctors/me/availability", doctor.token());
        assertThat(ids(windows.body(), "windowId")).contains(windowId);
    }

    private static List<String> ids(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.path(field).asText()).toList();
    }
}
