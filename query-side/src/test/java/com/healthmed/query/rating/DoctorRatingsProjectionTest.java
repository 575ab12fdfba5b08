package com.healthmed.query.rating;

import com.healthmed.schema.appointment.AppointmentRatedEvent;
import com.healthmed.schema.rating.DoctorRatingResponse;
import com.healthmed.schema.rating.DoctorRatingSummaryResponse;
import com.healthmed.schema.rating.FindDoctorRatingSummaryQuery;
import com.healthmed.schema.rating.FindDoctorRatingsQuery;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The doctor-ratings read model on the embedded MongoDB wire-protocol server. */
class DoctorRatingsProjectionTest {

    static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    static MongoServer server;
    static MongoClient client;
    MongoTemplate mongo;
    DoctorRatingsProjection projection;

    @BeforeAll
    static void startServer() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
    }

    @AfterAll
    static void stopServer() {
        client.close();
        server.shutdownNow();
    }

    @BeforeEach
    void setUp() {
        mongo = new MongoTemplate(client, "ratings-test");
        projection = new DoctorRatingsProjection(mongo);
        projection.reset();
    }

    void rate(String doctorId, String appointmentId, int stars, String comment, int minutesAfterT0) {
        projection.on(new AppointmentRatedEvent(appointmentId, doctorId, "patient-of-" + appointmentId, stars, comment),
                T0.plusSeconds(60L * minutesAfterT0));
    }

    DoctorRatingSummaryResponse summary(String doctorId) {
        return projection.handle(new FindDoctorRatingSummaryQuery(doctorId)).orElseThrow();
    }

    @Test
    void theSummaryHasTheAverageToTwoDecimalsTheCountAndTheDistribution() {
        rate("d1", "a1", 5, "Excelente", 0);
        rate("d1", "a2", 4, null, 1);
        rate("d1", "a3", 4, null, 2);
        rate("d2", "a4", 1, null, 3);

        var d1 = summary("d1");
        assertThat(d1.average()).isEqualTo(new BigDecimal("4.33")); // 13 / 3 = 4.333…
        assertThat(d1.count()).isEqualTo(3);
        assertThat(d1.distribution()).isEqualTo(Map.of(1, 0, 2, 0, 3, 0, 4, 2, 5, 1));
        assertThat(summary("d2").average()).isEqualTo(new BigDecimal("1.00"));
        assertThat(projection.handle(new FindDoctorRatingSummaryQuery("unrated"))).isEmpty();
    }

    @Test
    void averagesRoundHalfUp() {
        rate("d1", "a1", 5, null, 0);
        rate("d1", "a2", 4, null, 0);
        rate("d1", "a3", 4, null, 0);
        rate("d1", "a4", 4, null, 0);
        rate("d1", "a5", 4, null, 0);
        rate("d1", "a6", 4, null, 0);
        rate("d1", "a7", 4, null, 0);
        rate("d1", "a8", 4, null, 0);
        assertThat(summary("d1").average()).isEqualTo(new BigDecimal("4.13")); // 33 / 8 = 4.125
    }

    @Test
    void theListIsPagedNewestFirstWithoutThePatient() {
        for (int i = 1; i <= 5; i++) {
            rate("d1", "a" + i, i, "comment " + i, i);
        }
        var first = projection.handle(new FindDoctorRatingsQuery("d1", 0, 2));
        assertThat(first.total()).isEqualTo(5);
        assertThat(first.items()).containsExactly(
                new DoctorRatingResponse(5, "comment 5", T0.plusSeconds(300)),
                new DoctorRatingResponse(4, "comment 4", T0.plusSeconds(240)));
        assertThat(projection.handle(new FindDoctorRatingsQuery("d1", 2, 2)).items())
                .containsExactly(new DoctorRatingResponse(1, "comment 1", T0.plusSeconds(60)));
        assertThat(projection.handle(new FindDoctorRatingsQuery("d1", 3, 2)).items()).isEmpty();
        assertThat(projection.handle(new FindDoctorRatingsQuery("nobody", 0, 20)).items()).isEmpty();
    }

    @Test
    void aRepeatedEventIsCountedOnce() {
        rate("d1", "a1", 5, "once", 0);
        rate("d1", "a2", 3, null, 1);
        rate("d1", "a1", 5, "once", 0);
        assertThat(summary("d1").count()).isEqualTo(2);
        assertThat(summary("d1").average()).isEqualTo(new BigDecimal("4.00"));
        assertThat(projection.handle(new FindDoctorRatingsQuery("d1", 0, 20)).items()).containsExactly(
                new DoctorRatingResponse(3, null, T0.plusSeconds(60)),
                new DoctorRatingResponse(5, "once", T0));
    }

    @Test
    void aReplayRebuildsTheSameModel() {
        List<Runnable> history = List.of(() -> rate("d1", "a1", 2, "meh", 0), () -> rate("d1", "a2", 5, "great", 1),
                () -> rate("d2", "a3", 4, null, 2));
        history.forEach(Runnable::run);
        var before = List.of(summary("d1"), summary("d2"), projection.handle(new FindDoctorRatingsQuery("d1", 0, 20)));
        projection.reset();
        assertThat(projection.handle(new FindDoctorRatingSummaryQuery("d1"))).isEmpty();
        history.forEach(Runnable::run);
        assertThat(List.of(summary("d1"), summary("d2"), projection.handle(new FindDoctorRatingsQuery("d1", 0, 20))))
                .isEqualTo(before);
    }
}
