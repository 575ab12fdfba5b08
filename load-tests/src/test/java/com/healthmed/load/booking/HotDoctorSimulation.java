package com.healthmed.load.booking;

import com.healthmed.load.setup.Account;
import com.healthmed.load.setup.Http;
import com.healthmed.load.setup.Run;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Scenario 1, the hot doctor: {@code load.attempts} (2,000) booking attempts released at once on one doctor with 16
 * free slots, each slot contended by attempts/16 of them. Exactly 16 may succeed (201, one per slot) and every other
 * must be refused with 409; {@link #after()} checks that from the answers and from the doctor's agenda, and fails the
 * run otherwise. Token sharing: the attempts are spread round-robin over {@code load.patients} (250) seeded patients,
 * so each patient's token carries attempts/patients (8) attempts, as a patient retrying in several tabs would.
 */
public class HotDoctorSimulation extends Simulation {

    static final int SLOTS = 16;
    private static final int ATTEMPTS = Integer.getInteger("load.attempts", 2000);
    private static final int PATIENTS = Integer.getInteger("load.patients", 250);

    private final Run run = Run.prepare(PATIENTS, 1);
    private final Account doctor = run.doctors.getFirst();
    private final Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
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
                        .check(status().saveAs("status"), status().in(201, 409)))
                .exec(session -> {
                    int status = session.contains("status") ? session.getInt("status") : -1;
                    answers.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                    if (status == 201) {
                        bookedStarts.add(session.getString("start"));
                    }
                    return session;
                });
        setUp(hot.injectOpen(atOnceUsers(ATTEMPTS)))
                .protocols(http.baseUrl(Http.BASE_URL).acceptHeader("application/json"))
                .assertions(global().failedRequests().count().is(0L));
    }

    @Override
    public void after() {
        var agenda = Http.get("/api/v1/doctors/" + doctor.id() + "/agenda?from=" + run.day + "&to="
                + run.day.plus(Duration.ofHours(SLOTS)), run.patients.getFirst().accessToken()).expect(200, "agenda");
        int stillFree = agenda.body().get("slots").size();
        int created = count(201);
        int refused = count(409);
        String verdict = created == SLOTS && refused == ATTEMPTS - SLOTS && bookedStarts.size() == SLOTS && stillFree == 0
                ? "HELD" : "VIOLATED";
        String report = String.format("hot doctor %s: %d attempts on %d slots -> answers %s, distinct slots booked %d, "
                        + "slots still offered %d: invariant %s%n", doctor.id(), ATTEMPTS, SLOTS, answers, bookedStarts.size(),
                stillFree, verdict);
        System.out.print(report);
        Reports.write("hot-doctor", report);
        if (verdict.equals("VIOLATED")) {
            throw new IllegalStateException(report);
        }
    }

    private int count(int status) {
        var counter = answers.get(status);
        return counter == null ? 0 : counter.get();
    }
}
