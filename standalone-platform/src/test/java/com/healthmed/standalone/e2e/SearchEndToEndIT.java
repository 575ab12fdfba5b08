package com.healthmed.standalone.e2e;

import com.healthmed.query.search.DoctorSearchIndex;
import com.healthmed.query.search.DoctorSearchIndexFeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Doctor search over HTTP with real tokens (R5). */
@ExtendWith(TestPlatform.class)
class SearchEndToEndIT {

    private final Api api = TestPlatform.api();

    @Test
    void patientsFindVerifiedDoctorsNearbyWithTheirNextFreeSlot() {
        var patient = Scenario.patient(api);
        var verified = Scenario.verifiedDoctor(api);
        var pending = People.doctor();
        api.post("/api/v1/doctors", pending, null);
        Instant start = Scenario.hoursFromNow(2);
        Scenario.publish(api, verified, start, 1);
        String near = "/api/v1/doctors?specialty=Cardiologia&lat=-23.55&lng=-46.63&radiusKm=5&sort=distance&size=100";

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var found = api.get(near, patient.token());
            assertThat(found.status()).as(found.toString()).isEqualTo(200);
            assertThat(found.body().path("items").findValuesAsText("id")).contains(verified.id());
            assertThat(found.raw()).doesNotContain(pending.get("email").asText());
            // the published window reaches the search projection after the verification (eventually consistent)
            assertThat(found.body().path("items").findParents("id").stream()
                    .filter(n -> n.path("id").asText().equals(verified.id()))
                    .map(n -> n.path("nextFreeSlot").asText())).containsExactly(start.toString());
        });
        // this instance's index has followed the projection (searches use the collection only until it is built)
        var index = TestPlatform.bean(DoctorSearchIndex.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> index.ready() && index.holds(verified.id()));
        var found = api.get(near, patient.token());
        var mine = found.body().path("items").findParents("id").stream()
                .filter(n -> n.path("id").asText().equals(verified.id())).findFirst().orElseThrow();
        assertThat(mine.path("distanceKm").asDouble()).isEqualTo(2.3);
        assertThat(mine.path("crm").asText()).endsWith("-SP");
        assertThat(mine.path("nextFreeSlot").asText()).isEqualTo(start.toString());
        assertThat(found.body().path("total").asLong()).isPositive();
        assertThat(found.body().at("/links/self").asText()).contains("page=0");

        var byCity = api.get("/api/v1/doctors?city=sao%20paulo&state=sp&size=100", patient.token());
        assertThat(byCity.body().path("items").findValuesAsText("id")).contains(verified.id());
        var profile = api.get("/api/v1/doctors/" + verified.id(), patient.token());
        assertThat(profile.status()).isEqualTo(200);
        assertThat(profile.text("name")).isEqualTo("João Souza");
    }

    @Test
    void aReplayOfTheSearchProjectionRebuildsTheIndexAfterwards() {
        var patient = Scenario.patient(api);
        var doctor = Scenario.verifiedDoctor(api);
        var index = TestPlatform.bean(DoctorSearchIndex.class);
        var feed = TestPlatform.bean(DoctorSearchIndexFeed.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> index.ready() && index.holds(doctor.id()));
        long builds = feed.builds();

        var replay = api.post("/api/v1/admin/projections/doctor-search/replay", "{}", api.login("admin", "healthmed-dev-admin"));
        assertThat(replay.status()).as(replay.toString()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(60)).until(() -> feed.builds() > builds && index.ready() && index.holds(doctor.id()));
        var found = api.get("/api/v1/doctors?specialty=Cardiologia&city=sao%20paulo&state=SP&size=100", patient.token());
        assertThat(found.body().path("items").findValuesAsText("id")).contains(doctor.id());
    }

    @Test
    void badSearchesAreRejected() {
        var patient = Scenario.patient(api);
        for (String bad : new String[]{"radiusKm=600&lat=-23.5&lng=-46.6", "lat=-23.5", "sort=distance",
                "size=101", "specialty=Astrologia", "minRating=6", "maxPrice=-1", "city=Campinas",
                "availableFrom=2026-12-01T10:00:00Z", "state=XX", "sort=name", "page=-1", "lat=north&lng=1&radiusKm=2"}) {
            var response = api.get("/api/v1/doctors?" + bad, patient.token());
            assertThat(response.status()).as(bad).isEqualTo(400);
            assertThat(response.problemType()).as(bad).isEqualTo("https://healthmed.example/problems/validation");
        }
        assertThat(api.get("/api/v1/doctors", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/doctors/nobody", patient.token()).status()).isEqualTo(404);
    }
}
