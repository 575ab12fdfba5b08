package com.healthmed.load.read;

import com.healthmed.load.setup.Http;
import com.healthmed.load.setup.Run;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Scenario 5, the read path: {@code load.rate} virtual users per second for {@code load.seconds}, each reading
 * {@code GET /me}, a doctor's agenda, its own appointment list and a doctor search (specialty and city) as a patient.
 * Gatling's report gives req/s and percentiles per read. Token sharing: users go round-robin over
 * {@code load.patients} patients. The search covers the seeded doctors only (as many as {@code ./healthmed load seed}
 * created), not the 10,000.
 */
public class ReadPathSimulation extends Simulation {

    private static final int RATE = Integer.getInteger("load.rate", 50);
    private static final int SECONDS = Integer.getInteger("load.seconds", 60);
    private static final int PATIENTS = Integer.getInteger("load.patients", 250);
    private static final int DOCTORS = Integer.getInteger("load.doctors", 50);

    private final Run run = Run.prepare(PATIENTS, DOCTORS);

    {
        List<Map<String, Object>> users = new ArrayList<>();
        for (int i = 0; i < PATIENTS; i++) {
            users.add(Map.of("token", run.patients.get(i).accessToken(), "doctorId", run.doctors.get(i % DOCTORS).id()));
        }
        ScenarioBuilder reader = scenario("read path")
                .feed(Stream.generate(() -> users).flatMap(List::stream).iterator())
                .exec(http("GET /me").get("/api/v1/me").header("Authorization", "Bearer #{token}").check(status().is(200)))
                .exec(http("GET agenda").get("/api/v1/doctors/#{doctorId}/agenda")
                        .header("Authorization", "Bearer #{token}").check(status().is(200)))
                .exec(http("GET /appointments").get("/api/v1/appointments")
                        .header("Authorization", "Bearer #{token}").check(status().is(200)))
                .exec(http("search").get("/api/v1/doctors?specialty=Cardiologia&city=S%C3%A3o%20Paulo&state=SP")
                        .header("Authorization", "Bearer #{token}").check(status().is(200)));
        setUp(reader.injectOpen(constantUsersPerSec(RATE).during(Duration.ofSeconds(SECONDS))))
                .protocols(http.baseUrl(Http.BASE_URL).acceptHeader("application/json"))
                .assertions(global().failedRequests().count().is(0L));
    }
}
