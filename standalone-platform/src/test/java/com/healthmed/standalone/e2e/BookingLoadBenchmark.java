package com.healthmed.standalone.e2e;

import com.healthmed.schema.scheduling.DoctorScheduleId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

import static com.healthmed.standalone.e2e.Scenario.booking;

/**
 * Booking load over HTTP against the standalone platform, with real Keycloak tokens. A benchmark, not a test:
 * it asserts nothing about speed, it measures and writes {@code target/benchmarks/booking.md}. Not part of
 * {@code ./healthmed test}; run it with {@code ./healthmed bench} (see docs/benchmarks.md).
 */
@ExtendWith(TestPlatform.class)
class BookingLoadBenchmark {

    private static final int HOT_PATIENTS = Integer.getInteger("bench.hotPatients", 250);
    private static final int ATTEMPTS_PER_PATIENT = Integer.getInteger("bench.attemptsPerPatient", 8);
    private static final int HOT_SLOTS = 16;
    private static final int DOCTORS = Integer.getInteger("bench.doctors", 20);
    private static final int SLOTS_PER_DOCTOR = 24;
    private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 32);

    private final Api api = TestPlatform.api();
    private final StringBuilder report = new StringBuilder();

    record Timed(int status, long nanos) {
    }

    @Test
    void measure() throws Exception {
        hotDoctor();
        distinctDoctors();
        Path out = Path.of("target/benchmarks/booking.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        System.out.println(report);
    }

    /** (a) HOT_PATIENTS × ATTEMPTS_PER_PATIENT simultaneous attempts on one doctor with 16 free slots. */
    private void hotDoctor() throws Exception {
        var doctor = Scenario.verifiedDoctor(api);
        Instant first = Scenario.hoursFromNow(20);
        Scenario.publish(api, doctor, first, HOT_SLOTS);
        var patients = register(HOT_PATIENTS);
        List<Callable<Timed>> calls = new ArrayList<>();
        for (int p = 0; p < patients.size(); p++) {
            for (int a = 0; a < ATTEMPTS_PER_PATIENT; a++) {
                Instant slot = first.plus(Duration.ofHours((p * ATTEMPTS_PER_PATIENT + a) % HOT_SLOTS));
                String token = patients.get(p).token();
                calls.add(() -> timed(() -> api.post("/api/v1/appointments", booking(doctor, slot), token)));
            }
        }
        Instant began = Instant.now();
        List<Timed> results = run(calls, calls.size());
        Duration took = Duration.between(began, Instant.now());
        report.append("### (a) hot doctor: ").append(calls.size()).append(" simultaneous attempts, ")
                .append(HOT_SLOTS).append(" free slots\n\n")
                .append(summary(results)).append("- wall time: ").append(took.toMillis()).append(" ms\n")
                .append("- booked slots (SlotBookedEvent in the store): ")
                .append(TestPlatform.storedEvents(DoctorScheduleId.of(doctor.id()), "SlotBookedEvent")).append("\n\n");
    }

    /** (b) successful bookings on distinct doctors and slots, CONCURRENCY requests in flight. */
    private void distinctDoctors() throws Exception {
        Instant first = Scenario.hoursFromNow(30);
        List<Scenario.Actor> doctors = new ArrayList<>();
        for (int d = 0; d < DOCTORS; d++) {
            var doctor = Scenario.verifiedDoctor(api);
            Scenario.publish(api, doctor, first, SLOTS_PER_DOCTOR);
            doctors.add(doctor);
        }
        var patients = register(CONCURRENCY);
        List<Callable<Timed>> calls = new ArrayList<>();
        for (int s = 0; s < SLOTS_PER_DOCTOR; s++) {
            for (int d = 0; d < DOCTORS; d++) {
                var doctor = doctors.get(d);
                Instant slot = first.plus(Duration.ofHours(s));
                String token = patients.get((s * DOCTORS + d) % patients.size()).token();
                calls.add(() -> timed(() -> api.post("/api/v1/appointments", booking(doctor, slot), token)));
            }
        }
        Instant began = Instant.now();
        List<Timed> results = run(calls, CONCURRENCY);
        double seconds = Duration.between(began, Instant.now()).toMillis() / 1000.0;
        long booked = results.stream().filter(r -> r.status() == 201).count();
        report.append("### (b) distinct doctors: ").append(DOCTORS).append(" doctors × ").append(SLOTS_PER_DOCTOR)
                .append(" slots, ").append(CONCURRENCY).append(" requests in flight\n\n")
                .append(summary(results))
                .append(String.format("- throughput: %.1f successful bookings/s (%d in %.1f s)%n%n", booked / seconds, booked, seconds));
    }

    private List<Scenario.Actor> register(int count) throws Exception {
        try (var pool = Executors.newFixedThreadPool(4)) {
            List<Future<Scenario.Actor>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(() -> Scenario.patient(api)));
            }
            List<Scenario.Actor> actors = new ArrayList<>();
            for (var future : futures) {
                actors.add(future.get());
            }
            return actors;
        }
    }

    private static Timed timed(Callable<Api.Response> call) throws Exception {
        long start = System.nanoTime();
        int status;
        try {
            status = call.call().status();
        } catch (RuntimeException e) {
            status = -1;
        }
        return new Timed(status, System.nanoTime() - start);
    }

    /** Runs the calls with at most {@code inFlight} at a time, all released together. */
    private static List<Timed> run(List<Callable<Timed>> calls, int inFlight) throws Exception {
        var gate = new CountDownLatch(1);
        var permits = new Semaphore(inFlight);
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Timed>> futures = new ArrayList<>();
            for (var call : calls) {
                futures.add(threads.submit(() -> {
                    gate.await();
                    permits.acquire();
                    try {
                        return call.call();
                    } finally {
                        permits.release();
                    }
                }));
            }
            gate.countDown();
            List<Timed> results = new ArrayList<>();
            for (var future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }

    private static String summary(List<Timed> results) {
        Map<Integer, Long> byStatus = new TreeMap<>();
        results.forEach(r -> byStatus.merge(r.status(), 1L, Long::sum));
        long[] millis = results.stream().mapToLong(r -> r.nanos() / 1_000_000).sorted().toArray();
        return "- responses by status: " + byStatus + " (5xx: "
                + results.stream().filter(r -> r.status() >= 500 || r.status() < 0).count() + ")\n"
                + "- latency: p50 " + percentile(millis, 50) + " ms, p99 " + percentile(millis, 99) + " ms, max "
                + millis[millis.length - 1] + " ms\n";
    }

    private static long percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }
}
