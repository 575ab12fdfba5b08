package com.healthmed.standalone.e2e;

import com.healthmed.schema.scheduling.DoctorScheduleId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.healthmed.standalone.e2e.Scenario.booking;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The booking invariant under real concurrency over HTTP: many patients released at the same instant on one
 * slot, and on distinct slots of one doctor.
 */
@ExtendWith(TestPlatform.class)
class BookingConcurrencyIT {

    private static final int CONTENDERS = 200;
    private final Api api = TestPlatform.api();

    /** Registers and logs in {@code count} patients, a few at a time (each login costs Keycloak ~50 ms of CPU). */
    private List<Scenario.Actor> patients(int count) throws Exception {
        try (var pool = Executors.newFixedThreadPool(4)) {
            List<Future<Scenario.Actor>> registered = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                registered.add(pool.submit(() -> Scenario.patient(api)));
            }
            List<Scenario.Actor> actors = new ArrayList<>();
            for (var actor : registered) {
                actors.add(actor.get());
            }
            return actors;
        }
    }

    @Test
    void ofManySimultaneousBookingsOfOneSlotExactlyOneWins() throws Exception {
        var doctor = Scenario.verifiedDoctor(api);
        Instant slot = Scenario.hoursFromNow(10);
        Scenario.publish(api, doctor, slot, 1);
        var contenders = patients(CONTENDERS);

        List<Integer> statuses = simultaneously(contenders.stream()
                .map(p -> (Callable<Api.Response>) () -> api.post("/api/v1/appointments", booking(doctor, slot), p.token()))
                .toList());

        Map<Integer, Long> byStatus = statuses.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(byStatus).as("statuses").containsOnlyKeys(201, 409);
        assertThat(byStatus.get(201)).isEqualTo(1);
        assertThat(byStatus.get(409)).isEqualTo(CONTENDERS - 1L);
        assertThat(TestPlatform.storedEvents(DoctorScheduleId.of(doctor.id()), "SlotBookedEvent")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                api.get("/api/v1/doctors/me/appointments", doctor.token()).body().path("total").asInt()).isEqualTo(1));
    }

    @Test
    void simultaneousBookingsOfDistinctSlotsAllSucceed() throws Exception {
        int slots = 24;
        var doctor = Scenario.verifiedDoctor(api);
        Instant first = Scenario.hoursFromNow(11);
        Scenario.publish(api, doctor, first, slots);
        var patients = patients(slots);

        List<Integer> statuses = simultaneously(IntStream.range(0, slots)
                .mapToObj(i -> (Callable<Api.Response>) () -> api.post("/api/v1/appointments",
                        booking(doctor, first.plus(Duration.ofHours(i))), patients.get(i).token()))
                .toList());

        assertThat(statuses).containsOnly(201).hasSize(slots);
        assertThat(TestPlatform.storedEvents(DoctorScheduleId.of(doctor.id()), "SlotBookedEvent")).isEqualTo(slots);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                api.get("/api/v1/doctors/" + doctor.id() + "/agenda?from=" + first + "&to=" + first.plus(Duration.ofDays(2)),
                        doctor.token()).body().path("slots").size()).isZero());
    }

    private static List<Integer> simultaneously(List<Callable<Api.Response>> calls) throws Exception {
        return Simultaneous.calls(calls).stream().map(Api.Response::status).toList();
    }
}
