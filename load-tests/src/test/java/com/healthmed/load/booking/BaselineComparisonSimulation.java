package com.healthmed.load.booking;

import com.healthmed.load.setup.Account;
import com.healthmed.load.setup.Http;
import com.healthmed.load.setup.Run;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Scenario 3, the CRUD baseline in the same run: the hot-doctor and the distinct-doctor bookings, each first against
 * the baseline ({@code load.baselineUrl}, see {@code com.healthmed.load.baseline.BaselineServer}) and then against the
 * platform, one phase after the other so the two never compete for the cores.
 * <ul>
 * <li>hot doctor: {@code load.attempts} (2,000) attempts at once on 16 slots of one doctor; answers per second (201 and
 * 409 alike) from the first request to the last answer; each side must give exactly 16 × 201 and the rest 409.</li>
 * <li>distinct doctors, closed model: {@code load.concurrency} (64) virtual users booking back to back (each
 * finished user is replaced at once) for {@code load.seconds} (30 s), every booking a distinct 5-minute slot,
 * round-robin over {@code load.doctors} - 1 doctors (see {@link #distinctSlots}). Acknowledged bookings/s = 201s / (last answer - first request).
 * End to end: the baseline's 201 is a committed row, readable by the next query, so its end-to-end rate is its
 * acknowledged rate; the platform's is its 201s / (time until every one is visible: {@code GET /appointments/{id}},
 * the doctor's agenda no longer offers the slot and the doctor's inbox total has grown by the doctor's bookings).</li>
 * </ul>
 * Before that, each side is warmed up ({@code load.warmUpSeconds}, 15 s, of the distinct-doctor booking, not reported).
 * The ratios platform / baseline go to {@code comparison.txt} with the goals (≥ 0.5 acknowledged, ≥ 0.25 end to end).
 * Token sharing as in scenarios 1 and 2: attempts and bookings round-robin over {@code load.patients} (250) patients.
 */
public class BaselineComparisonSimulation extends Simulation {

    private static final int ATTEMPTS = Integer.getInteger("load.attempts", 2000);
    private static final int PATIENTS = Integer.getInteger("load.patients", 250);
    private static final int DOCTORS = Integer.getInteger("load.doctors", 50);
    private static final int CONCURRENCY = Integer.getInteger("load.concurrency", 64);
    private static final int SECONDS = Integer.getInteger("load.seconds", 30);
    private static final int WARM_UP_SECONDS = Integer.getInteger("load.warmUpSeconds", 15);
    private static final String BASELINE_URL = System.getProperty("load.baselineUrl", "http://127.0.0.1:18090");
    private static final int SLOT_MINUTES = 5;
    private static final int SLOTS_PER_DAY = 24 * 60 / SLOT_MINUTES;
    /** How long (× 500 ms) the platform's bookings may take to become visible before the check gives up. */
    private static final int CATCH_UP_ROUNDS = 240;

    /** What one side (platform or baseline) did in one phase. */
    private static final class Side {
        final String name;
        final Latencies answers = new Latencies();
        final AtomicLong firstSent = new AtomicLong(Long.MAX_VALUE);
        final AtomicLong lastAnswered = new AtomicLong(Long.MIN_VALUE);
        final Queue<Map<String, Object>> booked = new ConcurrentLinkedQueue<>();
        final Set<String> bookedStarts = ConcurrentHashMap.newKeySet();
        final AtomicInteger unfed = new AtomicInteger();
        /** The problem types of the refusals (the last segment of {@code type}), e.g. slot taken vs. a write conflict. */
        final Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();

        Side(String name) {
            this.name = name;
        }

        double seconds() {
            return (lastAnswered.get() - firstSent.get()) / 1e9;
        }

        double perSecond(int count) {
            return lastAnswered.get() > firstSent.get() ? count / seconds() : 0;
        }
    }

    private final Run run = Run.prepare(PATIENTS, DOCTORS);
    private final Account hotDoctor = run.doctors.getFirst();
    private final List<Account> doctors = run.doctors.subList(1, DOCTORS);
    private final Side baselineHot = new Side("baseline");
    private final Side platformHot = new Side("platform");
    private final Side baselineDistinct = new Side("baseline");
    private final Side platformDistinct = new Side("platform");
    private final Side baselineWarmUp = new Side("baseline warm-up");
    private final Side platformWarmUp = new Side("platform warm-up");
    /** Each side's distinct slots, shared by its warm-up and its measured phase. */
    private final Iterator<Map<String, Object>> baselineSlots = distinctSlots(Integer.MAX_VALUE);
    private final Iterator<Map<String, Object>> platformSlots = distinctSlots(doctors.size() * SLOTS_PER_DAY);
    /** The platform inbox's REQUESTED total of each distinct doctor before the run (earlier runs' requests). */
    private final Map<String, Long> inboxBefore = new HashMap<>();

    {
        Run.publish(hotDoctor, run.day, Duration.ofHours(HotDoctorSimulation.SLOTS), 50, 10);
        for (Account doctor : doctors) {
            Run.publish(doctor, run.day, Duration.ofDays(1), SLOT_MINUTES, 0);
            inboxBefore.put(doctor.id(), Http.get("/api/v1/doctors/me/appointments?status=REQUESTED&size=1",
                    doctor.accessToken()).expect(200, "inbox").body().get("total").asLong());
        }
        // one phase after the other; both sides warm up (JIT, connection pools, JWK set) before anything is measured
        PopulationBuilder phases = distinct(baselineWarmUp, baselineSlots, BASELINE_URL, WARM_UP_SECONDS).andThen(
                distinct(platformWarmUp, platformSlots, Http.BASE_URL, WARM_UP_SECONDS).andThen(
                        hot(baselineHot, BASELINE_URL).andThen(hot(platformHot, Http.BASE_URL).andThen(
                                distinct(baselineDistinct, baselineSlots, BASELINE_URL, SECONDS).andThen(
                                        distinct(platformDistinct, platformSlots, Http.BASE_URL, SECONDS))))));
        setUp(phases);
    }

    private PopulationBuilder hot(Side side, String baseUrl) {
        // Gatling's feed is one actor: the endless feeders need no locking
        Iterator<Map<String, Object>> attempts = IntStream.iterate(0, i -> i + 1).mapToObj(i -> Map.<String, Object>of(
                "token", run.patients.get(i % PATIENTS).accessToken(),
                "start", run.day.plus(Duration.ofHours(i % HotDoctorSimulation.SLOTS)).toString())).iterator();
        ScenarioBuilder hot = scenario("hot doctor, " + side.name).feed(attempts)
                .exec(book(side, "book (hot doctor, " + side.name + ")", "\"" + hotDoctor.id() + "\""));
        return hot.injectOpen(atOnceUsers(ATTEMPTS)).protocols(http.baseUrl(baseUrl).acceptHeader("application/json"));
    }

    /**
     * Booking i: doctor i % doctors, its slot i / doctors (5 minutes each from the run's day on), by patient
     * (i / doctors) % patients, so a patient's bookings spread over the doctors (the platform refuses a sixth upcoming
     * booking of one patient with one doctor). The platform's slots end with the window published on the run's day
     * ({@code capacity}); the baseline publishes nothing and takes slots on the following days too.
     */
    private Iterator<Map<String, Object>> distinctSlots(int capacity) {
        return IntStream.iterate(0, i -> i + 1).mapToObj(i -> {
            if (i >= capacity) {
                return Map.<String, Object>of("unfed", true);
            }
            Account doctor = doctors.get(i % doctors.size());
            return Map.<String, Object>of("unfed", false, "token",
                    run.patients.get((i / doctors.size()) % PATIENTS).accessToken(),
                    "doctorId", doctor.id(), "start",
                    run.day.plus(Duration.ofMinutes((long) (i / doctors.size()) * SLOT_MINUTES)).toString());
        }).iterator();
    }

    private PopulationBuilder distinct(Side side, Iterator<Map<String, Object>> slots, String baseUrl, int seconds) {
        ScenarioBuilder distinct = scenario("distinct doctors, " + side.name).feed(slots)
                .doIfOrElse(session -> session.getBoolean("unfed"))
                .then(exec(session -> {
                    side.unfed.incrementAndGet();
                    return session;
                }).pause(Duration.ofSeconds(1))) // no slot left: do not spin through replacement users
                .orElse(exec(book(side, "book (distinct doctors, " + side.name + ")", "\"#{doctorId}\"")));
        return distinct.injectClosed(constantConcurrentUsers(CONCURRENCY).during(Duration.ofSeconds(seconds)))
                .protocols(http.baseUrl(baseUrl).acceptHeader("application/json"));
    }

    /** One booking request, its answer and timing recorded on {@code side}. */
    private static io.gatling.javaapi.core.ChainBuilder book(Side side, String name, String doctorJson) {
        return exec(session -> {
            side.firstSent.accumulateAndGet(System.nanoTime(), Math::min);
            return session;
        }).exec(http(name).post("/api/v1/appointments")
                .header("Authorization", "Bearer #{token}")
                .body(StringBody("{\"doctorId\":" + doctorJson + ",\"start\":\"#{start}\"}")).asJson()
                .check(responseTimeInMillis().saveAs("millis"), status().saveAs("status"), status().in(201, 409),
                        jsonPath("$.id").optional().saveAs("id"), jsonPath("$.type").optional().saveAs("type")))
                .exec(session -> {
                    side.lastAnswered.accumulateAndGet(System.nanoTime(), Math::max);
                    int status = session.contains("status") ? session.getInt("status") : -1;
                    side.answers.add(status == -1 ? "no answer" : Integer.toString(status),
                            session.contains("millis") ? session.getLong("millis") : -1);
                    if (status == 201) {
                        side.bookedStarts.add(session.getString("start"));
                        side.booked.add(booking(session));
                    } else if (session.contains("type")) {
                        String type = session.getString("type");
                        side.refusals.computeIfAbsent(status + " " + type.substring(type.lastIndexOf('/') + 1),
                                t -> new AtomicInteger()).incrementAndGet();
                    }
                    return session.remove("id").remove("status").remove("millis").remove("type");
                });
    }

    private static Map<String, Object> booking(Session session) {
        Map<String, Object> booking = new HashMap<>();
        booking.put("id", session.getString("id"));
        booking.put("token", session.getString("token"));
        booking.put("start", session.getString("start"));
        if (session.contains("doctorId")) {
            booking.put("doctorId", session.getString("doctorId"));
        }
        return booking;
    }

    @Override
    public void after() {
        var report = new StringBuilder();
        hotReport(report, baselineHot);
        hotReport(report, platformHot);
        double baselineAcknowledged = baselineDistinct.perSecond(baselineDistinct.answers.count("201"));
        double platformAcknowledged = platformDistinct.perSecond(platformDistinct.answers.count("201"));
        double visibleAfter = platformVisibleAfter();
        double platformEndToEnd = visibleAfter > 0 ? platformDistinct.answers.count("201") / visibleAfter : 0;
        for (Side side : List.of(baselineDistinct, platformDistinct)) {
            report.append(String.format("distinct doctors, %s: %d concurrent users for %d s on %d doctors, %.1f s from "
                            + "first request to last answer -> %srefusals by problem type %s; %s%n", side.name, CONCURRENCY,
                    SECONDS, doctors.size(), side.seconds(), side.answers.summary(), side.refusals,
                    side.unfed.get() > 0 ? side.unfed.get() + " users found no free slot left (raise load.doctors); " : ""));
        }
        double acknowledgedRatio = baselineAcknowledged > 0 ? platformAcknowledged / baselineAcknowledged : 0;
        double endToEndRatio = baselineAcknowledged > 0 ? platformEndToEnd / baselineAcknowledged : 0;
        report.append(String.format("acknowledged bookings/s: baseline %.1f, platform %.1f, ratio %.2f (goal >= 0.5: %s); "
                        + "end to end bookings/s: baseline %.1f (a committed row), platform %s, ratio %.2f (goal >= 0.25: %s)%n",
                baselineAcknowledged, platformAcknowledged, acknowledgedRatio, acknowledgedRatio >= 0.5 ? "MET" : "NOT MET",
                baselineAcknowledged, visibleAfter > 0 ? String.format("%.1f (all visible %.1f s after the first request)",
                        platformEndToEnd, visibleAfter) : "not all visible within the check's wait", endToEndRatio,
                endToEndRatio >= 0.25 ? "MET" : "NOT MET"));
        String text = report.toString();
        System.out.print(text);
        Reports.write("comparison", text);
    }

    private void hotReport(StringBuilder report, Side side) {
        int created = side.answers.count("201");
        int refused = side.answers.count("409");
        boolean held = created == HotDoctorSimulation.SLOTS && refused == ATTEMPTS - HotDoctorSimulation.SLOTS
                && side.bookedStarts.size() == HotDoctorSimulation.SLOTS;
        report.append(String.format("hot doctor, %s: %d attempts on %d slots, %.0f answers/s (%.1f s from first "
                        + "request to last answer) -> %srefusals by problem type %s; invariant (16 x 201 on distinct slots, "
                        + "the rest 409) %s%n", side.name, ATTEMPTS, HotDoctorSimulation.SLOTS, side.perSecond(ATTEMPTS),
                side.seconds(), side.answers.summary(), side.refusals, held ? "HELD" : "VIOLATED"));
    }

    /**
     * Seconds from the platform phase's first request until every acknowledged booking is visible on the read side,
     * or 0 when some are still not visible after the bounded wait.
     */
    private double platformVisibleAfter() {
        // the warm-up's bookings too: the inbox totals count them
        List<Map<String, Object>> unseen = new ArrayList<>(platformWarmUp.booked);
        unseen.addAll(platformDistinct.booked);
        Map<String, Set<String>> startsByDoctor = new HashMap<>();
        for (var booking : unseen) {
            startsByDoctor.computeIfAbsent((String) booking.get("doctorId"), d -> new HashSet<>()).add((String) booking.get("start"));
        }
        Set<Account> doctorsPending = new HashSet<>();
        for (Account doctor : doctors) {
            if (startsByDoctor.containsKey(doctor.id())) {
                doctorsPending.add(doctor);
            }
        }
        String from = run.day.toString();
        String to = run.day.plus(Duration.ofDays(1)).toString();
        for (int round = 0; round < CATCH_UP_ROUNDS && (!unseen.isEmpty() || !doctorsPending.isEmpty()); round++) {
            if (round > 0) {
                Run.sleep(Duration.ofMillis(500));
            }
            unseen.removeIf(booking -> Http.get("/api/v1/appointments/" + booking.get("id"), (String) booking.get("token"))
                    .status() == 200);
            doctorsPending.removeIf(doctor -> {
                Set<String> starts = startsByDoctor.get(doctor.id());
                var slots = Http.get("/api/v1/doctors/" + doctor.id() + "/agenda?from=" + from + "&to=" + to,
                        doctor.accessToken()).expect(200, "agenda").body().get("slots");
                boolean agendaDone = slots.valueStream().noneMatch(slot -> starts.contains(
                        Instant.parse(slot.get("start").asString()).toString()));
                long total = Http.get("/api/v1/doctors/me/appointments?status=REQUESTED&size=1", doctor.accessToken())
                        .expect(200, "inbox").body().get("total").asLong();
                return agendaDone && total >= inboxBefore.get(doctor.id()) + starts.size();
            });
        }
        if (!unseen.isEmpty() || !doctorsPending.isEmpty()) {
            return 0;
        }
        return (System.nanoTime() - platformDistinct.firstSent.get()) / 1e9;
    }
}
