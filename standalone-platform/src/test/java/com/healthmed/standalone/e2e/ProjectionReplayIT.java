package com.healthmed.standalone.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admins see every processing group's position, lag and dead letters, and rebuild a read model from the whole
 * history: for every projection, the rebuilt read store is identical to the one before. Groups with side effects
 * are refused (409).
 */
@ExtendWith(TestPlatform.class)
class ProjectionReplayIT {

    private static final List<String> WITH_SIDE_EFFECTS =
            List.of("appointment-saga", "schedule-provisioning", "appointment-notifications");

    private final Api api = TestPlatform.api();
    private final String admin = api.login("admin", "healthmed-dev-admin");

    @Test
    void everyProjectionRebuiltFromHistoryEqualsTheStateBefore() {
        someHistory();
        List<String> projections = new ArrayList<>();
        for (JsonNode group : groups()) {
            if (group.path("replayable").asBoolean()) {
                projections.add(group.path("name").asText());
            }
        }
        assertThat(projections).contains("appointments", "doctor-agenda", "doctor-profiles", "doctor-search",
                "medical-records", "patient-profiles");

        for (String projection : projections) {
            boolean compared = false;
            for (int attempt = 0; attempt < 3 && !compared; attempt++) {
                awaitAllCaughtUp();
                long headBefore = head();
                Map<String, List<String>> before = readStore();

                var replay = api.post("/api/v1/admin/projections/" + projection + "/replay", "{}", admin);
                assertThat(replay.status()).as(replay.toString()).isEqualTo(202);
                awaitAllCaughtUp();

                if (head() != headBefore) {
                    continue; // a deadline appended events meanwhile: compare again
                }
                assertThat(readStore()).as("read store after replaying " + projection).isEqualTo(before);
                compared = true;
            }
            assertThat(compared).as("a quiet moment to compare " + projection).isTrue();
        }
    }

    @Test
    void groupsWithSideEffectsAreNeverReplayedAndEveryGroupShowsItsPositionAndLag() {
        List<JsonNode> groups = groups();
        for (String name : WITH_SIDE_EFFECTS) {
            var refused = api.post("/api/v1/admin/projections/" + name + "/replay", "{}", admin);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
            assertThat(refused.problemType()).endsWith("/projection-not-replayable");
            assertThat(groups).filteredOn(g -> g.path("name").asText().equals(name))
                    .singleElement().satisfies(g -> assertThat(g.path("replayable").asBoolean()).isFalse());
        }
        assertThat(api.post("/api/v1/admin/projections/no-such-group/replay", "{}", admin).status()).isEqualTo(404);
        var patient = Scenario.patient(api);
        assertThat(api.get("/api/v1/admin/projections", patient.token()).status()).isEqualTo(403);
        awaitAllCaughtUp();
        for (JsonNode group : groups()) {
            assertThat(group.has("deadLetters")).isTrue();
            assertThat(group.path("head").asLong()).isPositive();
            if (group.path("position").isNumber()) {
                assertThat(group.path("lag").asLong()).isEqualTo(group.path("head").asLong()
                        - group.path("position").asLong());
            }
        }
    }

    /** Every kind of read model has something in it: profiles, schedules, appointments, records. */
    private void someHistory() {
        var doctor = Scenario.verifiedDoctor(api);
        var patient = Scenario.patient(api);
        Instant start = Scenario.hoursFromNow(11);
        Scenario.publish(api, doctor, start, 3);
        String appointment = Scenario.requestedAppointment(api, doctor, patient, start);
        api.post("/api/v1/appointments/" + appointment + "/acceptance", "{}", doctor.token());
        String cancelled = Scenario.requestedAppointment(api, doctor, patient, start.plus(Duration.ofHours(1)));
        api.post("/api/v1/appointments/" + cancelled + "/cancellation", Api.JSON.createObjectNode()
                .put("reason", "changed plans"), patient.token());
        api.patch("/api/v1/me", Api.JSON.createObjectNode().put("city", "Campinas"), patient.token());
    }

    private List<JsonNode> groups() {
        return Projections.groups(api, admin);
    }

    private void awaitAllCaughtUp() {
        Projections.awaitAllCaughtUp(api, admin);
    }

    private long head() {
        return groups().getFirst().path("head").asLong();
    }

    /** Every collection of the read store, documents in id order. */
    private static Map<String, List<String>> readStore() {
        MongoTemplate mongo = TestPlatform.bean(MongoTemplate.class);
        Map<String, List<String>> store = new TreeMap<>();
        for (String collection : mongo.getCollectionNames()) {
            store.put(collection, mongo.find(new Query().with(Sort.by("_id")), Document.class, collection)
                    .stream().map(document -> {
                        // a search listing's stamp is new at every write by design, so a replay gives new ones
                        if (collection.equals("doctor_search")) {
                            document.remove("stamp");
                        }
                        return document.toJson();
                    }).toList());
        }
        return store;
    }
}
