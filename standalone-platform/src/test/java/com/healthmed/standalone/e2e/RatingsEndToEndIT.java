package com.healthmed.standalone.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Completion, no-show and ratings over HTTP (R10): book → accept → complete → rate → the doctor's rating in search,
 * profile and ratings list; every refusal with no rating event stored. The automatic completion at the slot end
 * is a persistent deadline that fires in real time; it is tested on the aggregate (AppointmentTest).
 */
@ExtendWith(TestPlatform.class)
class RatingsEndToEndIT {

    private static final String PROBLEMS = "https://healthmed.example/problems/";
    private final Api api = TestPlatform.api();

    /** A confirmed appointment of {@code start}: booked by the patient, accepted by the doctor. */
    private String confirmed(Scenario.Actor doctor, Scenario.Actor patient, Instant start) {
        String id = Scenario.requestedAppointment(api, doctor, patient, start);
        var accepted = api.post("/api/v1/appointments/" + id + "/acceptance", "{}", doctor.token());
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        return id;
    }

    /** Moves the business clock to {@code at} while {@code action} runs, and back whatever happens. */
    private Api.Response at(Instant at, java.util.function.Supplier<Api.Response> action) {
        TestPlatform.CLOCK.shift(Duration.between(Instant.now(), at));
        try {
            return action.get();
        } finally {
            TestPlatform.CLOCK.reset();
        }
    }

    private String completed(Scenario.Actor doctor, Scenario.Actor patient, Instant start) {
        String id = confirmed(doctor, patient, start);
        var completion = at(start.plusSeconds(60),
                () -> api.post("/api/v1/appointments/" + id + "/completion", "{}", doctor.token()));
        assertThat(completion.status()).as(completion.toString()).isEqualTo(200);
        assertThat(completion.text("status")).isEqualTo("COMPLETED");
        return id;
    }

    private static Object rating(int stars, String comment) {
        var body = Api.JSON.createObjectNode().put("stars", stars);
        if (comment != null) {
            body.put("comment", comment);
        }
        return body;
    }

    private static long ratingsStored(String appointmentId) {
        return TestPlatform.storedEvents(appointmentId, "AppointmentRatedEvent");
    }

    private static void refused(Api.Response response, int status, String type) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.problemType()).isEqualTo(PROBLEMS + type);
    }

    @Test
    void aCompletedConsultationIsRatedAndTheDoctorsRatingShowsInSearchProfileAndList() {
        var doctor = Scenario.verifiedDoctor(api);
        var lessLiked = Scenario.verifiedDoctor(api);
        var patient = Scenario.patient(api);
        var another = Scenario.patient(api);
        Instant start = Scenario.hoursFromNow(1);
        Scenario.publish(api, doctor, start, 2);
        Scenario.publish(api, lessLiked, start, 1);
        String first = completed(doctor, patient, start);
        String second = completed(doctor, another, start.plusSeconds(3600));
        String third = completed(lessLiked, patient, start);

        var rated = api.post("/api/v1/appointments/" + first + "/rating", rating(5, "  Muito atenciosa.  "),
                patient.token());
        assertThat(rated.status()).as(rated.toString()).isEqualTo(201);
        assertThat(rated.body().path("stars").asInt()).isEqualTo(5);
        assertThat(rated.text("comment")).isEqualTo("Muito atenciosa.");
        assertThat(rated.text("ratedAt")).isNotBlank();
        // read your own writes: the appointment shows the rating at once
        var appointment = api.get("/api/v1/appointments/" + first, patient.token());
        assertThat(appointment.text("status")).isEqualTo("RATED");
        assertThat(appointment.body().at("/rating/stars").asInt()).isEqualTo(5);
        assertThat(api.post("/api/v1/appointments/" + second + "/rating", rating(4, null), another.token()).status())
                .isEqualTo(201);
        assertThat(api.post("/api/v1/appointments/" + third + "/rating", rating(2, "Atrasou"), patient.token())
                .status()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var profile = api.get("/api/v1/doctors/" + doctor.id(), patient.token());
            assertThat(profile.status()).as(profile.toString()).isEqualTo(200);
            assertThat(profile.body().path("ratingAverage").asDouble()).isEqualTo(4.5);
            assertThat(profile.body().path("ratingCount").asInt()).isEqualTo(2);
            assertThat(profile.body().at("/rating/average").decimalValue()).isEqualByComparingTo("4.50");
            assertThat(profile.body().at("/rating/count").asInt()).isEqualTo(2);
            assertThat(profile.body().at("/rating/distribution/5").asInt()).isEqualTo(1);
            assertThat(profile.body().at("/rating/distribution/4").asInt()).isEqualTo(1);
            assertThat(profile.body().at("/rating/distribution/1").asInt()).isZero();
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var search = api.get("/api/v1/doctors?specialty=Cardiologia&minRating=1&sort=rating&size=100",
                    patient.token());
            assertThat(search.status()).as(search.toString()).isEqualTo(200);
            List<String> ids = new ArrayList<>();
            List<Double> averages = new ArrayList<>();
            for (JsonNode item : search.body().path("items")) {
                ids.add(item.path("id").asText());
                averages.add(item.path("ratingAverage").asDouble());
            }
            assertThat(ids).contains(doctor.id(), lessLiked.id());
            assertThat(ids.indexOf(doctor.id())).isLessThan(ids.indexOf(lessLiked.id()));
            assertThat(averages.get(ids.indexOf(doctor.id()))).isEqualTo(4.5);
            assertThat(averages).isSortedAccordingTo(java.util.Comparator.reverseOrder());
            var above = api.get("/api/v1/doctors?specialty=Cardiologia&minRating=4.5&size=100", patient.token());
            assertThat(above.body().path("items").findValuesAsText("id")).contains(doctor.id())
                    .doesNotContain(lessLiked.id());
        });

        var list = api.get("/api/v1/doctors/" + doctor.id() + "/ratings?page=0&size=1", patient.token());
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.body().path("total").asLong()).isEqualTo(2);
        assertThat(list.body().path("items")).hasSize(1);
        assertThat(list.body().at("/items/0/stars").asInt()).isEqualTo(4); // newest first
        var page2 = api.get("/api/v1/doctors/" + doctor.id() + "/ratings?page=1&size=1", patient.token());
        assertThat(page2.body().at("/items/0/stars").asInt()).isEqualTo(5);
        assertThat(page2.body().at("/items/0/comment").asText()).isEqualTo("Muito atenciosa.");
        assertThat(page2.body().at("/items/0/ratedAt").asText()).isNotBlank();
        // never who rated
        assertThat(list.raw() + page2.raw()).doesNotContain(patient.id()).doesNotContain(another.id())
                .doesNotContain("patient");
    }

    @Test
    void everyRefusedRatingStoresNothing() {
        var doctor = Scenario.verifiedDoctor(api);
        var patient = Scenario.patient(api);
        var stranger = Scenario.patient(api);
        Instant start = Scenario.hoursFromNow(2);
        Scenario.publish(api, doctor, start, 4);
        String done = completed(doctor, patient, start);
        String notDone = confirmed(doctor, patient, start.plusSeconds(3600));

        refused(api.post("/api/v1/appointments/" + done + "/rating", rating(5, null), stranger.token()), 404, "not-found");
        refused(api.post("/api/v1/appointments/" + "no-such-appointment" + "/rating", rating(5, null), patient.token()),
                404, "not-found");
        refused(api.post("/api/v1/appointments/" + done + "/rating", rating(5, null), doctor.token()), 403, "forbidden");
        refused(api.post("/api/v1/appointments/" + notDone + "/rating", rating(5, null), patient.token()), 409,
                "appointment-not-completed");
        refused(api.post("/api/v1/appointments/" + done + "/rating", rating(0, null), patient.token()), 400, "validation");
        refused(api.post("/api/v1/appointments/" + done + "/rating", rating(6, null), patient.token()), 400, "validation");
        refused(api.post("/api/v1/appointments/" + done + "/rating", "{\"comment\":\"no stars\"}", patient.token()),
                400, "validation");
        refused(api.post("/api/v1/appointments/" + done + "/rating", rating(5, "x".repeat(2_001)), patient.token()),
                400, "validation");
        Instant end = start.plusSeconds(50 * 60);
        refused(at(end.plus(Duration.ofDays(30)).plusSeconds(60),
                        () -> api.post("/api/v1/appointments/" + done + "/rating", rating(5, null), patient.token())),
                422, "rating-period-over");
        assertThat(ratingsStored(done)).isZero();
        assertThat(ratingsStored(notDone)).isZero();

        assertThat(api.post("/api/v1/appointments/" + done + "/rating", rating(3, "x".repeat(2_000)), patient.token())
                .status()).isEqualTo(201);
        refused(api.post("/api/v1/appointments/" + done + "/rating", rating(4, null), patient.token()), 409,
                "appointment-already-rated");
        assertThat(ratingsStored(done)).isEqualTo(1);
    }

    @Test
    void aNoShowIsNeitherCompletedNorRated() {
        var doctor = Scenario.verifiedDoctor(api);
        var otherDoctor = Scenario.verifiedDoctor(api);
        var patient = Scenario.patient(api);
        Instant start = Scenario.hoursFromNow(3);
        Scenario.publish(api, doctor, start, 1);
        String id = confirmed(doctor, patient, start);

        refused(api.post("/api/v1/appointments/" + id + "/no-show", "{}", doctor.token()), 409,
                "consultation-not-started");
        refused(at(start.plusSeconds(60), () -> api.post("/api/v1/appointments/" + id + "/no-show", "{}",
                otherDoctor.token())), 404, "not-found");
        var noShow = at(start.plusSeconds(60), () -> api.post("/api/v1/appointments/" + id + "/no-show", "{}",
                doctor.token()));
        assertThat(noShow.status()).as(noShow.toString()).isEqualTo(200);
        assertThat(api.get("/api/v1/appointments/" + id, patient.token()).text("status")).isEqualTo("NO_SHOW");

        refused(at(start.plusSeconds(120), () -> api.post("/api/v1/appointments/" + id + "/completion", "{}",
                doctor.token())), 409, "illegal-appointment-transition");
        refused(api.post("/api/v1/appointments/" + id + "/rating", rating(5, null), patient.token()), 409,
                "appointment-not-completed");
        assertThat(TestPlatform.storedEvents(id, "AppointmentCompletedEvent")).isZero();
        assertThat(ratingsStored(id)).isZero();
    }

    @Test
    void onlyItsDoctorCompletesAndOnlyAfterTheStart() {
        var doctor = Scenario.verifiedDoctor(api);
        var otherDoctor = Scenario.verifiedDoctor(api);
        var patient = Scenario.patient(api);
        Instant start = Scenario.hoursFromNow(4);
        Scenario.publish(api, doctor, start, 1);
        String id = confirmed(doctor, patient, start);

        refused(api.post("/api/v1/appointments/" + id + "/completion", "{}", doctor.token()), 409,
                "consultation-not-started");
        refused(at(start.plusSeconds(60), () -> api.post("/api/v1/appointments/" + id + "/completion", "{}",
                otherDoctor.token())), 404, "not-found");
        refused(at(start.plusSeconds(60), () -> api.post("/api/v1/appointments/" + id + "/completion", "{}",
                patient.token())), 403, "forbidden");
        assertThat(TestPlatform.storedEvents(id, "AppointmentCompletedEvent")).isZero();
        assertThat(api.get("/api/v1/doctors/" + doctor.id() + "/ratings?size=0", patient.token()).status())
                .isEqualTo(400);
        assertThat(api.get("/api/v1/doctors/no-such-doctor/ratings", patient.token()).status()).isEqualTo(404);
    }
}
