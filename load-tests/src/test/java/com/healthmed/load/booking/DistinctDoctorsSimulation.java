package com.healthmed.load.booking;

import com.healthmed.load.setup.Account;
import com.healthmed.load.setup.Http;
import com.healthmed.load.setup.Run;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Scenario 2, sustained booking on distinct doctors: {@code load.rate} bookings per second (open model, a new virtual
 * user per booking) for {@code load.seconds}, spread round-robin over {@code load.doctors} doctors, each booking a slot
 * nobody else asks for. After its 201 every virtual user polls, every {@code load.pollMillis} (100 ms) for a second and
 * then once a second, until the booking is visible end to end: {@code GET /appointments/{id}} answers, the doctor's
 * inbox ({@code REQUESTED}, newest first) lists it, and the doctor's agenda no longer offers the slot; the time from
 * the 201 to the last of the three is the visibility latency, reported by {@link #after()}. Token sharing: bookings go round-robin over {@code load.patients}
 * patients, and every doctor's token serves all inbox reads of that doctor.
 */
public class DistinctDoctorsSimulation extends Simulation {

    private static final int RATE = Integer.getInteger("load.rate", 50);
    private static final int SECONDS = Integer.getInteger("load.seconds", 60);
    private static final int DOCTORS = Integer.getInteger("load.doctors", 50);
    private static final int PATIENTS = Integer.getInteger("load.patients", 250);
    private static final int POLL_MILLIS = Integer.getInteger("load.pollMillis", 100);
    /**
     * Polls at POLL_MILLIS for the first second (where the 1 s target is decided), then once a second: polling at
     * full rate while the read side lags would itself load the read side and feed the lag.
     */
    private static final int FAST_POLLS = Math.max(1, 1000 / POLL_MILLIS);
    private static final Duration SLOW_POLL = Duration.ofSeconds(1);
    /**
     * A booking not visible after this many polls of one read (~41 s) counts as never visible; three reads of a
     * booking made near the end of a 60 s run then still finish within the tokens' 240 s (see Tokens).
     */
    private static final int MAX_POLLS = FAST_POLLS + 40;
    private static final int SLOT_MINUTES = 5;
    private static final int SLOTS_PER_DAY = 24 * 60 / SLOT_MINUTES;

    private final Run run = Run.prepare(PATIENTS, DOCTORS);
    private final Latencies visibleAfter = new Latencies();
    private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    private final Latencies booked = new Latencies();

    {
        int bookings = RATE * SECONDS;
        int perDoctor = (bookings + DOCTORS - 1) / DOCTORS;
        if (perDoctor > SLOTS_PER_DAY) {
            throw new IllegalStateException(bookings + " bookings need more than " + SLOTS_PER_DAY + " slots per doctor; "
                    + "raise -Dload.doctors (and seed them)");
        }
        for (Account doctor : run.doctors) {
            Run.publish(doctor, run.day, Duration.ofMinutes((long) perDoctor * SLOT_MINUTES), SLOT_MINUTES, 0);
        }
        List<Map<String, Object>> feed = new ArrayList<>();
        for (int i = 0; i < bookings; i++) {
            // each doctor's slots in time order: the newest request is the inbox's first (it lists by start, newest first)
            Account doctor = run.doctors.get(i % DOCTORS);
            Instant start = run.day.plus(Duration.ofMinutes((long) (i / DOCTORS) * SLOT_MINUTES));
            feed.add(Map.of("token", run.patients.get(i % PATIENTS).accessToken(), "doctorToken", doctor.accessToken(),
                    "doctorId", doctor.id(), "start", start.toString(),
                    "end", start.plus(Duration.ofMinutes(SLOT_MINUTES)).toString()));
        }
        ScenarioBuilder booking = scenario("distinct doctors").feed(feed.iterator())
                .exec(http("book").post("/api/v1/appointments")
                        .header("Authorization", "Bearer #{token}")
                        .body(StringBody("{\"doctorId\":\"#{doctorId}\",\"start\":\"#{start}\"}")).asJson()
                        .check(responseTimeInMillis().saveAs("millis"), status().saveAs("status"), status().is(201),
                                jsonPath("$.id").saveAs("id")))
                .exec(session -> {
                    booked.add(session.contains("status") ? Integer.toString(session.getInt("status")) : "no answer",
                            session.contains("millis") ? session.getLong("millis") : -1);
                    return session;
                })
                .doIf(session -> session.contains("id")).then(exec(session -> session.set("bookedAt", System.nanoTime()))
                        .exec(poll("appointment visible", http("poll appointment").get("/api/v1/appointments/#{id}")
                                .header("Authorization", "Bearer #{token}")
                                .check(status().in(200, 404).saveAs("polled")), s -> s.getInt("polled") == 200))
                        .exec(poll("in the doctor's inbox", http("poll inbox")
                                .get("/api/v1/doctors/me/appointments?status=REQUESTED&size=100")
                                .header("Authorization", "Bearer #{doctorToken}")
                                .check(status().is(200), bodyString().saveAs("polled")),
                                s -> s.getString("polled").contains("\"id\":\"" + s.getString("id") + "\"")))
                        .exec(poll("agenda without the slot", http("poll agenda")
                                .get("/api/v1/doctors/#{doctorId}/agenda?from=#{start}&to=#{end}")
                                .header("Authorization", "Bearer #{token}")
                                .check(status().is(200), bodyString().saveAs("polled")),
                                // the agenda writes instants as Instant.toString does (ISO-8601, UTC, with seconds)
                                s -> !s.getString("polled").contains("\"start\":\"" + s.getString("start") + "\"")))
                        .exec(session -> {
                            if (session.getBoolean("visible")) {
                                visibleAfter.add("visible", (System.nanoTime() - session.getLong("bookedAt")) / 1_000_000);
                                return count("visible", session);
                            }
                            return count("never visible", session);
                        }));
        setUp(booking.injectOpen(constantUsersPerSec(RATE).during(Duration.ofSeconds(SECONDS))))
                .protocols(http.baseUrl(Http.BASE_URL).acceptHeader("application/json"));
    }

    /** Repeats {@code read} until {@code visible} holds (at most MAX_POLLS times); leaves "visible" in the session. */
    private static ChainBuilder poll(String what, HttpRequestActionBuilder read,
                                     Function<Session, Boolean> visible) {
        return exec(session -> session.set("visible", false).set("polls", 0))
                .asLongAs(session -> !session.getBoolean("visible") && session.getInt("polls") < MAX_POLLS).on(
                        exec(read).exec(session -> session.set("visible", session.contains("polled") && visible.apply(session))
                                        .set("polls", session.getInt("polls") + 1).remove("polled"))
                                .doIf(session -> !session.getBoolean("visible")).then(pause(session ->
                                        session.getInt("polls") < FAST_POLLS ? Duration.ofMillis(POLL_MILLIS) : SLOW_POLL)));
    }

    private Session count(String outcome, Session session) {
        outcomes.computeIfAbsent(outcome, o -> new AtomicInteger()).incrementAndGet();
        return session;
    }

    @Override
    public void after() {
        String report = String.format("distinct doctors: %d bookings/s for %d s on %d doctors -> booking answers %s"
                        + "outcomes %s; end to end after the 201 (appointment, inbox and agenda; polled every %d ms): %s%n",
                RATE, SECONDS, DOCTORS, booked.summary(), outcomes, POLL_MILLIS, visibleAfter.summary());
        System.out.print(report);
        Reports.write("distinct-doctors", report);
    }
}
