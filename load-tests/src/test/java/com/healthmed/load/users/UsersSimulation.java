package com.healthmed.load.users;

import com.healthmed.load.booking.Latencies;
import com.healthmed.load.booking.Reports;
import com.healthmed.load.setup.Account;
import com.healthmed.load.setup.Http;
import com.healthmed.load.setup.Run;
import com.healthmed.load.setup.Tokens;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.foreach;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Scenario 4, {@code load.users} (1,000; the target 20,000) concurrent patients, closed model: the count is
 * ramped up over {@code load.rampSeconds} (30) and held for {@code load.seconds} (60); a patient who finishes a visit
 * is replaced at once. A visit, with a think time of {@code load.thinkSeconds} (10 s, drawn uniformly from half to
 * one and a half of it) after every page: search doctors → one doctor's profile → that doctor's agenda on the run's
 * day → {@code load.bookPercent} (30 %) book a slot the agenda offered → list my appointments → of those who booked,
 * {@code load.cancelPercent} (20 %) cancel. Beside them one virtual user per doctor ({@code load.doctors}, 50) reads
 * the inbox's requests and accepts each, then thinks, for the whole run.
 * <p>
 * Expected answers are 200 (and 201 for a booking); a booking answered 409 (another patient took the slot since the
 * agenda was read, or the shared patient already holds the platform's 5 upcoming bookings with that doctor) and an
 * acceptance or cancellation answered 409 (the other side cancelled or accepted first) are outcomes of the mix, not
 * errors; the report names each answer's problem type. Everything else, a missing answer included, is an unexpected error. The run holds
 * when there are none and p95 over every request is ≤ {@code load.p95Millis} (500); the verdict, the counts, the
 * latencies and the highest RSS of the platform JVM, of Keycloak (its process tree) and of PostgreSQL sampled during
 * the run (see {@link Memory}) go to {@code users.txt}. {@code ./healthmed load users-steps} runs it at increasing
 * counts and stops at the first that does not hold.
 * <p>
 * Token sharing: seeding 20,000 Keycloak accounts is not worth its ~50 ms of CPU each, so the virtual users take
 * the tokens of {@code load.patients} (250) seeded patients round-robin: with 20,000 users and 2,000 patients each
 * token serves 10 concurrent users (their bookings count against that patient's booking rate limit, 60 a minute by
 * default). Tokens are refreshed every {@link #REFRESH_EVERY} while the run lasts, so the run may be longer than one
 * access token's 300 s.
 */
public class UsersSimulation extends Simulation {

    private static final int USERS = Integer.getInteger("load.users", 1000);
    private static final int RAMP_SECONDS = Integer.getInteger("load.rampSeconds", 30);
    private static final int SECONDS = Integer.getInteger("load.seconds", 60);
    private static final int THINK_SECONDS = Integer.getInteger("load.thinkSeconds", 10);
    private static final int PATIENTS = Integer.getInteger("load.patients", 250);
    private static final int DOCTORS = Integer.getInteger("load.doctors", 50);
    private static final int BOOK_PERCENT = Integer.getInteger("load.bookPercent", 30);
    private static final int CANCEL_PERCENT = Integer.getInteger("load.cancelPercent", 20);
    private static final long P95_MILLIS = Long.getLong("load.p95Millis", 500);
    private static final int SLOT_MINUTES = 30;
    /** Shorter than the 240 s every refreshed token is valid for (see Tokens). */
    private static final Duration REFRESH_EVERY = Duration.ofSeconds(150);
    private static final Set<Integer> OK = Set.of(200);
    private static final Set<Integer> CREATED_OR_TAKEN = Set.of(201, 409);
    private static final Set<Integer> OK_OR_RACE = Set.of(200, 409);

    private final Run run = Run.prepare(PATIENTS, DOCTORS);
    private final AtomicReference<List<Account>> patients = new AtomicReference<>(run.patients);
    private final AtomicReference<List<Account>> doctors = new AtomicReference<>(run.doctors);
    private final Latencies all = new Latencies();
    private final Latencies byRequest = new Latencies();
    private final AtomicInteger unexpected = new AtomicInteger();
    private final Memory memory = Memory.ofPlatform();
    private final ScheduledExecutorService background = Executors.newScheduledThreadPool(1, runnable -> {
        Thread thread = new Thread(runnable, "users-simulation-background");
        thread.setDaemon(true);
        return thread;
    });

    {
        for (Account doctor : run.doctors) {
            Run.publish(doctor, run.day, Duration.ofDays(1), SLOT_MINUTES, 0);
        }
        String from = run.day.toString();
        String to = run.day.plus(Duration.ofDays(1)).toString();
        // Gatling's feed is one actor: the endless feeders need no locking
        Iterator<Map<String, Object>> visitors = IntStream.iterate(0, i -> i + 1).mapToObj(i -> {
            var random = ThreadLocalRandom.current();
            return Map.<String, Object>of("patient", i % PATIENTS, "doctorId", run.doctors.get(random.nextInt(DOCTORS)).id(),
                    "books", random.nextInt(100) < BOOK_PERCENT, "cancels", random.nextInt(100) < CANCEL_PERCENT);
        }).iterator();
        ScenarioBuilder visit = scenario("patient visit").feed(visitors)
                .exec(request("search", http("search").get("/api/v1/doctors?specialty=Cardiologia&city=S%C3%A3o%20Paulo&state=SP"),
                        OK, this::patientToken))
                .exec(think())
                .exec(request("profile", http("profile").get("/api/v1/doctors/#{doctorId}"), OK, this::patientToken))
                .exec(think())
                .exec(request("agenda", http("agenda").get("/api/v1/doctors/#{doctorId}/agenda?from=" + from + "&to=" + to)
                        .check(jsonPath("$.slots[*].start").findAll().optional().saveAs("starts")), OK, this::patientToken))
                .exec(think())
                .doIf(session -> session.getBoolean("books") && session.contains("starts")).then(
                        exec(session -> {
                            List<String> starts = session.getList("starts");
                            return session.set("start", starts.get(ThreadLocalRandom.current().nextInt(starts.size())));
                        })
                                .exec(request("book", http("book").post("/api/v1/appointments")
                                        .body(StringBody("{\"doctorId\":\"#{doctorId}\",\"start\":\"#{start}\"}")).asJson()
                                        .check(jsonPath("$.id").optional().saveAs("appointmentId")), CREATED_OR_TAKEN,
                                        this::patientToken))
                                .exec(think()))
                .exec(request("list mine", http("list mine").get("/api/v1/appointments"), OK, this::patientToken))
                .doIf(session -> session.getBoolean("cancels") && session.contains("appointmentId")).then(
                        exec(think()).exec(request("cancel", http("cancel")
                                .post("/api/v1/appointments/#{appointmentId}/cancellation")
                                .body(StringBody("{\"justification\":\"load test: plans changed\"}")).asJson(),
                                OK_OR_RACE, this::patientToken)));

        Iterator<Map<String, Object>> doctorFeed = IntStream.iterate(0, i -> i + 1)
                .mapToObj(i -> Map.<String, Object>of("doctor", i % DOCTORS)).iterator();
        ScenarioBuilder answering = scenario("doctor answering").feed(doctorFeed)
                .during(Duration.ofSeconds(RAMP_SECONDS + SECONDS)).on(
                        exec(session -> session.remove("requests"))
                                .exec(request("inbox", http("inbox").get("/api/v1/doctors/me/appointments?status=REQUESTED&size=20")
                                        .check(jsonPath("$.items[*].id").findAll().optional().saveAs("requests")), OK,
                                        this::doctorToken))
                                .doIf(session -> session.contains("requests")).then(
                                        foreach("#{requests}", "request").on(request("accept", http("accept")
                                                .post("/api/v1/appointments/#{request}/acceptance"), OK_OR_RACE, this::doctorToken)))
                                .exec(think()));

        setUp(visit.injectClosed(rampConcurrentUsers(0).to(USERS).during(Duration.ofSeconds(RAMP_SECONDS)),
                        constantConcurrentUsers(USERS).during(Duration.ofSeconds(SECONDS))),
                answering.injectOpen(atOnceUsers(DOCTORS)))
                .protocols(http.baseUrl(Http.BASE_URL).acceptHeader("application/json"));
    }

    private String patientToken(Session session) {
        return "Bearer " + patients.get().get(session.getInt("patient")).accessToken();
    }

    private String doctorToken(Session session) {
        return "Bearer " + doctors.get().get(session.getInt("doctor")).accessToken();
    }

    private static ChainBuilder think() {
        return pause(Duration.ofMillis(THINK_SECONDS * 500L), Duration.ofMillis(THINK_SECONDS * 1500L));
    }

    /** The request with its answer recorded: latency per request name and overall, and whether it was expected. */
    private ChainBuilder request(String name, HttpRequestActionBuilder request, Set<Integer> expected,
                                 java.util.function.Function<Session, String> authorization) {
        return exec(request.header("Authorization", authorization)
                // the failing status check comes last: checks after a failed one are not evaluated
                .check(responseTimeInMillis().saveAs("millis"), status().saveAs("status"),
                        jsonPath("$.type").optional().saveAs("type"), status().in(expected.toArray(Integer[]::new))))
                .exec(session -> {
                    int status = session.contains("status") ? session.getInt("status") : -1;
                    long millis = session.contains("millis") ? session.getLong("millis") : -1;
                    boolean fine = expected.contains(status);
                    if (!fine) {
                        unexpected.incrementAndGet();
                    }
                    all.add(fine ? "expected" : "unexpected", millis);
                    // a problem's type tells a race (slot-unavailable) from the sharing's patient limit and from errors
                    String type = session.contains("type") ? " " + session.getString("type")
                            .substring(session.getString("type").lastIndexOf('/') + 1) : "";
                    byRequest.add(name + " " + (status == -1 ? "no answer" : status) + type, millis);
                    return session.remove("status").remove("millis").remove("type");
                });
    }

    @Override
    public void before() {
        memory.sampleEvery(background, Duration.ofSeconds(2));
        background.scheduleAtFixedRate(() -> {
            try {
                patients.set(Tokens.fresh(patients.get()));
                doctors.set(Tokens.fresh(doctors.get()));
            } catch (RuntimeException e) {
                // a thrown exception would cancel the schedule silently; the next tick tries again
                System.err.println("refreshing the tokens failed: " + e);
            }
        }, REFRESH_EVERY.toSeconds(), REFRESH_EVERY.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void after() {
        background.shutdownNow();
        long p95 = all.percentileOfAll(95);
        boolean holds = unexpected.get() == 0 && p95 >= 0 && p95 <= P95_MILLIS;
        String report = String.format("users %d (closed model, ramp %d s, held %d s, think %d s, %d patients' tokens, "
                        + "%d doctors): %s unexpected errors %d, p95 of all requests %d ms (goal 0 and <= %d ms) -> %s; "
                        + "per request: %s; %s%n",
                USERS, RAMP_SECONDS, SECONDS, THINK_SECONDS, PATIENTS, DOCTORS, all.summary(), unexpected.get(), p95,
                P95_MILLIS, holds ? "HOLDS" : "DOES NOT HOLD", byRequest.summary(), memory.summary());
        System.out.print(report);
        Reports.write("users", report);
    }
}
