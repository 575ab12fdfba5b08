package com.healthmed.load.booking;

import com.healthmed.load.setup.Account;
import com.healthmed.load.setup.Http;
import com.healthmed.load.setup.Run;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Scenario 1, the hot doctor: {@code load.attempts} (2,000) booking attempts released at once on one doctor with 16
 * free slots, each slot contended by attempts/16 of them. Exactly 16 may succeed (201, one per slot) and every other
 * must be refused with 409; {@link #after()} checks that from the answers, the agenda and the inbox, and fails the
 * run otherwise. Token sharing: the attempts are spread round-robin over {@code load.patients} (250) seeded patients,
 * so each patient's token carries attempts/patients (8) attempts, as a patient retrying in several tabs would.
 */
public class HotDoctorSimulation extends Simulation {

    static final int SLOTS = 16;
    private static final int ATTEMPTS = Integer.getInteger("load.attempts", 2000);
    private static final int PATIENTS = Integer.getInteger("load.patients", 250);
    /** How long (× 500 ms) the check waits for the read side to show the run's bookings. */
    private static final int CATCH_UP_POLLS = 120;

    private final Run run = Run.prepare(PATIENTS, 1);
    private final Account doctor = run.doctors.getFirst();
    private final Latencies answers = new Latencies();
    private final Set<String> bookedStarts = ConcurrentHashMap.newKeySet();

    {
        // 16 one-hour slots (50 minutes and a 10-minute buffer) on the run's own day
        Run.publish(doctor, run.day, Duration.ofHours(SLOTS), 50, 10);
        List<Map<String, Object>> attempts = new ArrayList<>();
        for (int i = 0; i < ATTEMPTS; i++) {
            attempts.add(Map.of("token", run.patients.get(i % PATIENTS).accessToken(),
                    "start", run.day.plus(Duration.ofHours(i % SLOTS)).toString()));
        }
        ScenarioBuilder hot = scenario("hot doctor").feed(attempts.iterator())
                .exec(http("book (hot doctor)").post("/api/v1/appointments")
                        .header("Authorization", "Bearer #{token}")
                        .body(StringBody("{\"doctorId\":\"" + doctor.id() + "\",\"start\":\"#{start}\"}")).asJson()
                        .check(responseTimeInMillis().saveAs("millis"), status().saveAs("status"), status().in(201, 409)))
                .exec(session -> {
                    int status = session.contains("status") ? session.getInt("status") : -1;
                    answers.add(Integer.toString(status), session.contains("millis") ? session.getLong("millis") : -1);
                    if (status == 201) {
                        bookedStarts.add(session.getString("start"));
                    }
                    return session;
                });
        setUp(hot.injectOpen(atOnceUsers(ATTEMPTS)))
                .protocols(http.baseUrl(Http.BASE_URL).acceptHeader("application/json"))
                .assertions(global().failedRequests().count().is(0L));
    }

    /**
     * The invariant, checked from outside once the read side has caught up (bounded wait): 16 answers 201 on 16
     * distinct slots, every other answer 409, the doctor's agenda offers none of the 16 slots any more, and the
     * doctor's inbox holds exactly 16 appointments in them (a 17th booking would show there).
     */
    @Override
    public void after() {
        Instant end = run.day.plus(Duration.ofHours(SLOTS));
        int stillFree = -1;
        long inWindow = -1;
        for (int attempt = 0; attempt < CATCH_UP_POLLS && (stillFree != 0 || inWindow < SLOTS); attempt++) {
            if (attempt > 0) {
                Run.sleep(Duration.ofMillis(500));
            }
            stillFree = Http.get("/api/v1/doctors/" + doctor.id() + "/agenda?from=" + run.day + "&to=" + end,
                    run.patients.getFirst().accessToken()).expect(200, "agenda").body().get("slots").size();
            // the inbox lists newest start first and this run's day is later than every earlier run's
            var inbox = Http.get("/api/v1/doctors/me/appointments?size=100", doctor.accessToken()).expect(200, "inbox");
            inWindow = inbox.body().get("items").valueStream().map(item -> Instant.parse(item.get("start").asString()))
                    .filter(start -> !start.isBefore(run.day) && start.isBefore(end)).count();
        }
        int created = answers.count("201");
        int refused = answers.count("409");
        String verdict = created == SLOTS && refused == ATTEMPTS - SLOTS && bookedStarts.size() == SLOTS && stillFree == 0
                && inWindow == SLOTS ? "HELD" : "VIOLATED";
        String report = String.format("hot doctor %s: %d attempts on %d slots -> answers %sdistinct slots booked %d, "
                        + "slots still offered %d, appointments in the doctor's inbox %d: invariant %s%n", doctor.id(),
                ATTEMPTS, SLOTS, answers.summary(), bookedStarts.size(), stillFree, inWindow, verdict);
        System.out.print(report);
        Reports.write("hot-doctor", report);
        if (verdict.equals("VIOLATED")) {
            throw new IllegalStateException(report);
        }
    }
}
