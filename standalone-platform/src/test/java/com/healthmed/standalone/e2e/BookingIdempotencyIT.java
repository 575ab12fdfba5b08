package com.healthmed.standalone.e2e;

import com.healthmed.schema.scheduling.DoctorScheduleId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.healthmed.standalone.e2e.Scenario.booking;
import static org.assertj.core.api.Assertions.assertThat;

/** One Idempotency-Key, one booking: the command side decides, even for simultaneous requests. */
@ExtendWith(TestPlatform.class)
class BookingIdempotencyIT {

    private static final int REQUESTS = 50;
    private static final int DOCTORS = 5;
    private final Api api = TestPlatform.api();

    @Test
    void simultaneousRequestsWithOneKeyOverSeveralDoctorsBookExactlyOnce() throws Exception {
        Instant start = Scenario.hoursFromNow(11);
        List<Scenario.Actor> doctors = new ArrayList<>();
        for (int d = 0; d < DOCTORS; d++) {
            var doctor = Scenario.verifiedDoctor(api);
            Scenario.publish(api, doctor, start, 1);
            doctors.add(doctor);
        }
        var patient = Scenario.patient(api);

        var go = new CountDownLatch(1);
        List<Api.Response> answers = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Api.Response>> pending = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                var doctor = doctors.get(i % DOCTORS);
                pending.add(threads.submit(() -> {
                    go.await();
                    return api.post("/api/v1/appointments", booking(doctor, start), patient.token(),
                            "Idempotency-Key", "one-key");
                }));
            }
            go.countDown();
            for (var answer : pending) {
                answers.add(answer.get());
            }
        }

        Set<String> bookedIds = new HashSet<>();
        Set<String> bookedDoctors = new HashSet<>();
        for (var answer : answers) {
            assertThat(answer.status()).as(answer.toString()).isIn(201, 422);
            if (answer.status() == 201) {
                bookedIds.add(answer.text("id"));
                bookedDoctors.add(answer.text("doctorId"));
            } else {
                assertThat(answer.problemType()).endsWith("/idempotency-key-reused");
            }
        }
        assertThat(bookedIds).hasSize(1);
        assertThat(bookedDoctors).hasSize(1);
        long slotBookings = doctors.stream()
                .mapToLong(d -> TestPlatform.storedEvents(DoctorScheduleId.of(d.id()), "SlotBookedEvent")).sum();
        assertThat(slotBookings).isEqualTo(1);
        assertThat(api.get("/api/v1/appointments", patient.token()).body().path("total").asInt()).isEqualTo(1);
    }

    @Test
    void aStartOffTheGridByAFractionOfASecondIsRefused() {
        var doctor = Scenario.verifiedDoctor(api);
        var patient = Scenario.patient(api);
        Instant start = Scenario.hoursFromNow(12);
        Scenario.publish(api, doctor, start, 2);

        for (Instant offGrid : List.of(start.plusNanos(1), start.plusMillis(1), start.minusNanos(1))) {
            var answer = api.post("/api/v1/appointments", booking(doctor, offGrid), patient.token());
            assertThat(answer.status()).as(offGrid + ": " + answer).isEqualTo(422);
            assertThat(answer.problemType()).endsWith("/outside-availability");
        }
        assertThat(TestPlatform.storedEvents(DoctorScheduleId.of(doctor.id()), "SlotBookedEvent")).isZero();
    }
}
