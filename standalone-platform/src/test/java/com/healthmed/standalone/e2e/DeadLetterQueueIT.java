package com.healthmed.standalone.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.healthmed.schema.scheduling.DoctorScheduleId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.StreamSupport;

import static com.healthmed.standalone.e2e.Scenario.booking;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No event handler failure is silent: an event whose handler fails is parked in its processing group's
 * dead-letter queue (PostgreSQL), later events of other aggregates go on, an admin sees the parked event, and a
 * retry after the cause is gone processes it.
 */
@ExtendWith(TestPlatform.class)
class DeadLetterQueueIT {

    private final Api api = TestPlatform.api();
    private final String admin = api.login("admin", "healthmed-dev-admin");

    @AfterEach
    void healEverything() {
        FaultInjection.POISONED_READ_STORE.clear();
        FaultInjection.POISONED_APPOINTMENT_REQUESTS.clear();
    }

    @Test
    void aFailingProjectionParksItsEventKeepsTheOthersUpToDateAndCatchesUpOnRetry() {
        var doctor = Scenario.verifiedDoctor(api);
        var unlucky = Scenario.patient(api);
        var other = Scenario.patient(api);
        Instant start = Scenario.hoursFromNow(6);
        Scenario.publish(api, doctor, start, 2);
        FaultInjection.POISONED_READ_STORE.add(unlucky.id());

        var parked = api.post("/api/v1/appointments", booking(doctor, start), unlucky.token());
        var fine = api.post("/api/v1/appointments", booking(doctor, start.plus(Duration.ofHours(1))), other.token());

        assertThat(parked.status()).as(parked.toString()).isEqualTo(201);
        String parkedId = parked.text("id");
        assertThat(api.get("/api/v1/appointments/" + fine.text("id"), other.token()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/appointments/" + parkedId, unlucky.token()).status()).isEqualTo(404);
        JsonNode letter = lettersOf("appointments", parkedId);
        assertThat(letter).as("parked letter of " + parkedId).isNotNull();
        assertThat(letter.path("eventType").asText()).endsWith("AppointmentRequestedEvent");
        assertThat(letter.path("aggregateType").asText()).isEqualTo("Appointment");
        assertThat(letter.path("causeMessage").asText()).contains("injected fault");
        assertThat(letter.path("attempts").asInt()).isEqualTo(1);
        assertThat(letter.path("enqueuedAt").asText()).isNotBlank();
        assertThat(api.get("/api/v1/admin/dead-letters", unlucky.token()).status()).isEqualTo(403);

        FaultInjection.POISONED_READ_STORE.clear();
        var retried = api.post("/api/v1/admin/dead-letters/appointments/retry", "{}", admin);

        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.body().path("sequencesProcessed").asInt()).isGreaterThanOrEqualTo(1);
        var read = api.get("/api/v1/appointments/" + parkedId, unlucky.token());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text("status")).isEqualTo("REQUESTED");
        assertThat(lettersOf("appointments", parkedId)).isNull();
    }

    @Test
    void aFailedAppointmentRequestLeavesNoOrphanSlotTheAppointmentIsCreatedOnRetry() {
        var doctor = Scenario.verifiedDoctor(api);
        var patient = Scenario.patient(api);
        Instant start = Scenario.hoursFromNow(7);
        Scenario.publish(api, doctor, start, 1);
        FaultInjection.POISONED_APPOINTMENT_REQUESTS.add(patient.id());

        var booked = api.post("/api/v1/appointments", booking(doctor, start), patient.token());

        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        String id = booked.text("id");
        assertThat(TestPlatform.storedEvents(DoctorScheduleId.of(doctor.id()), "SlotBookedEvent")).isEqualTo(1);
        assertThat(TestPlatform.storedEvents(id, "AppointmentRequestedEvent")).isZero();
        JsonNode letter = lettersOf("appointment-saga", DoctorScheduleId.of(doctor.id()));
        assertThat(letter).isNotNull();
        assertThat(letter.path("eventType").asText()).endsWith("SlotBookedEvent");

        FaultInjection.POISONED_APPOINTMENT_REQUESTS.clear();
        var retried = api.post("/api/v1/admin/dead-letters/appointment-saga/retry", "{}", admin);

        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(TestPlatform.storedEvents(id, "AppointmentRequestedEvent")).isEqualTo(1);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> api.get("/api/v1/appointments/" + id, patient.token()).status() == 200);
        assertThat(lettersOf("appointment-saga", DoctorScheduleId.of(doctor.id()))).isNull();
    }

    @Test
    void anUnknownProcessingGroupIsNotFound() {
        var retried = api.post("/api/v1/admin/dead-letters/no-such-group/retry", "{}", admin);
        assertThat(retried.status()).isEqualTo(404);
        assertThat(retried.contentType()).startsWith("application/problem+json");
    }

    /** The parked letter of one aggregate in one group, or null. */
    private JsonNode lettersOf(String group, String aggregateId) {
        var list = api.get("/api/v1/admin/dead-letters", admin);
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return StreamSupport.stream(list.body().path("processingGroups").spliterator(), false)
                .filter(g -> g.path("processingGroup").asText().equals(group))
                .flatMap(g -> StreamSupport.stream(g.path("items").spliterator(), false))
                .filter(item -> item.path("aggregateId").asText().equals(aggregateId))
                .findFirst().orElse(null);
    }
}
