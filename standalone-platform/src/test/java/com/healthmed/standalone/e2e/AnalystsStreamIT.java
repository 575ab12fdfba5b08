package com.healthmed.standalone.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.healthmed.schema.appointment.AppointmentCompletedEvent;
import com.healthmed.schema.appointment.AppointmentNoShowEvent;
import com.healthmed.schema.appointment.AppointmentRatedEvent;
import com.healthmed.standalone.e2e.Scenario.Actor;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The analysts' stream end to end: real HTTP flows (and the completion, no-show and rating events, whose commands
 * live on another branch, published on the event bus), consumed from the embedded broker, every record validated
 * against the schema the API serves, then a replay that must re-publish the same ids.
 */
@ExtendWith(TestPlatform.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnalystsStreamIT {

    private static final String APPOINTMENTS = "healthmed.appointments.v1";
    private static final String RATINGS = "healthmed.doctor-ratings.v1";
    private static final String RATING_COMMENT = "Muito atencioso, recomendo";
    private static final String REFUSAL_REASON = "Agenda cheia nesta semana";
    private static final String JUSTIFICATION = "Surgiu um compromisso de trabalho";
    /** 8 status changes and 1 rating of the first doctor, 3 status changes of the other. */
    private static final int EXPECTED = 12;

    private Api api;
    private Actor doctor;
    private Actor otherDoctor;
    private Actor patient;
    private String cancelled;
    private String refused;
    private String completed;
    private String noShow;
    /** Offsets where this class started reading, so the replay check can tell first and second publication apart. */
    private Map<TopicPartition, Long> before;

    @BeforeAll
    void driveAppointmentsThroughEveryStatus() {
        api = TestPlatform.api();  // here, not in a field initialiser: the platform starts before all, after construction
        doctor = Scenario.verifiedDoctor(api);
        otherDoctor = Scenario.verifiedDoctor(api);
        patient = Scenario.patient(api);
        before = endOffsets();
        Instant start = Scenario.hoursFromNow(6);
        Scenario.publish(api, doctor, start, 3);
        Scenario.publish(api, otherDoctor, start, 1);

        cancelled = Scenario.requestedAppointment(api, doctor, patient, start);
        ok(api.post("/api/v1/appointments/" + cancelled + "/acceptance", "{}", doctor.token()));
        ok(api.post("/api/v1/appointments/" + cancelled + "/cancellation",
                Api.JSON.createObjectNode().put("justification", JUSTIFICATION), patient.token()));
        refused = Scenario.requestedAppointment(api, doctor, patient, start.plus(Duration.ofHours(1)));
        ok(api.post("/api/v1/appointments/" + refused + "/refusal",
                Api.JSON.createObjectNode().put("reason", REFUSAL_REASON), doctor.token()));
        completed = Scenario.requestedAppointment(api, doctor, patient, start.plus(Duration.ofHours(2)));
        ok(api.post("/api/v1/appointments/" + completed + "/acceptance", "{}", doctor.token()));
        noShow = Scenario.requestedAppointment(api, otherDoctor, patient, start);
        ok(api.post("/api/v1/appointments/" + noShow + "/acceptance", "{}", otherDoctor.token()));

        var events = TestPlatform.bean(EventGateway.class);
        events.publish(new AppointmentCompletedEvent(completed, doctor.id(), patient.id(), true));
        events.publish(new AppointmentRatedEvent(completed, doctor.id(), patient.id(), 4, RATING_COMMENT));
        events.publish(new AppointmentNoShowEvent(noShow, otherDoctor.id(), patient.id()));
    }

    @Test
    void eachDoctorsRecordsArriveInTheOrderOfItsEventsKeyedByTheDoctor() {
        var records = awaitRecords(before, EXPECTED);

        assertThat(statuses(records, doctor)).containsExactly(
                cancelled + " REQUESTED", cancelled + " CONFIRMED", cancelled + " CANCELLED",
                refused + " REQUESTED", refused + " REFUSED",
                completed + " REQUESTED", completed + " CONFIRMED", completed + " COMPLETED");
        assertThat(statuses(records, otherDoctor)).containsExactly(noShow + " REQUESTED", noShow + " CONFIRMED",
                noShow + " NO_SHOW");
        assertThat(records).allSatisfy(r -> assertThat(r.key()).isEqualTo(value(r).path("doctorId").asText()));
        assertThat(records.stream().filter(r -> value(r).path("status").asText().equals("CANCELLED")))
                .singleElement().satisfies(r -> assertThat(value(r).path("cancelledBy").asText()).isEqualTo("PATIENT"));
    }

    @Test
    void everyRecordFollowsTheSchemaServedByTheApi() {
        var records = awaitRecords(before, EXPECTED);
        Map<String, JsonSchema> schemas = new HashMap<>();
        for (String topic : List.of(APPOINTMENTS, RATINGS)) {
            var served = api.get("/api/v1/schemas/" + topic, null);  // public: no token
            assertThat(served.status()).as(served.toString()).isEqualTo(200);
            schemas.put(topic, JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(served.body()));
        }

        assertThat(records).allSatisfy(r ->
                assertThat(schemas.get(r.topic()).validate(value(r))).as(r.value()).isEmpty());
        // the validator does reject what breaks the schema
        var broken = (ObjectNode) value(records.getFirst()).deepCopy();
        broken.remove("patientPseudonym");
        broken.put("price", "250.00");
        assertThat(schemas.get(APPOINTMENTS).validate(broken)).hasSize(2);
        assertThat(api.get("/api/v1/schemas/healthmed.unknown.v1", null).status()).isEqualTo(404);
    }

    @Test
    void headersAreCloudEventsWithTheAxonEventIdAndTheTime() {
        var records = awaitRecords(before, EXPECTED);
        var stored = new JdbcTemplate(TestPlatform.bean(DataSource.class));

        assertThat(records).allSatisfy(r -> {
            JsonNode value = value(r);
            assertThat(header(r, "ce_id")).isEqualTo(value.path("eventId").asText());
            assertThat(header(r, "ce_specversion")).isEqualTo("1.0");
            assertThat(header(r, "ce_source")).isEqualTo("/healthmed");
            assertThat(header(r, "content-type")).isEqualTo("application/json");
            String time = value.has("ratedAt") ? value.path("ratedAt").asText() : value.path("occurredAt").asText();
            assertThat(Instant.parse(header(r, "ce_time"))).isEqualTo(Instant.parse(time));
            assertThat(stored.queryForObject("SELECT count(*) FROM domainevententry WHERE eventidentifier = ?",
                    Long.class, header(r, "ce_id"))).as("stored event " + header(r, "ce_id")).isEqualTo(1);
        });
        assertThat(records.stream().map(r -> header(r, "ce_type")).distinct()).containsExactlyInAnyOrder(
                "br.com.healthmed.appointment.requested.v1", "br.com.healthmed.appointment.confirmed.v1",
                "br.com.healthmed.appointment.cancelled.v1", "br.com.healthmed.appointment.refused.v1",
                "br.com.healthmed.appointment.completed.v1", "br.com.healthmed.appointment.no-show.v1",
                "br.com.healthmed.doctor.rated.v1");
    }

    @Test
    void recordsCarryAPseudonymAndNoPersonalDataOrFreeText() {
        var records = awaitRecords(before, EXPECTED);
        var registration = patient.registration();
        Set<String> pseudonyms = new java.util.HashSet<>();

        assertThat(records).allSatisfy(r -> {
            assertThat(r.value()).doesNotContain(patient.id(), registration.path("cpf").asText(),
                    registration.path("email").asText(), registration.path("name").asText(),
                    doctor.registration().path("name").asText(), doctor.registration().path("email").asText(),
                    RATING_COMMENT, REFUSAL_REASON, JUSTIFICATION);
            pseudonyms.add(value(r).path("patientPseudonym").asText());
        });
        assertThat(pseudonyms).singleElement().asString().matches("[0-9a-f]{64}");
    }

    @Test
    void aRatingCarriesTheDoctorsFactsAndNewAverage() {
        var rating = awaitRecords(before, EXPECTED).stream().filter(r -> r.topic().equals(RATINGS)).toList();

        assertThat(rating).singleElement().satisfies(r -> {
            JsonNode value = value(r);
            assertThat(value.path("stars").asInt()).isEqualTo(4);
            assertThat(value.path("averageStars").decimalValue()).isEqualByComparingTo("4.00");
            assertThat(value.path("ratingCount").asLong()).isEqualTo(1);
            assertThat(value.path("specialties").get(0).asText()).isEqualTo("Cardiologia");
            assertThat(value.path("city").asText()).isEqualTo("São Paulo");
            assertThat(value.path("uf").asText()).isEqualTo("SP");
        });
    }

    @Test
    @Order(Integer.MAX_VALUE - 1)  // after the others, which read the first publication only
    void aReplayRepublishesTheSameIdsInTheSameOrderWithoutCountingRatingsTwice() {
        var first = awaitRecords(before, EXPECTED);
        var replayFrom = endOffsets();

        var processor = TestPlatform.bean(EventProcessingConfiguration.class)
                .eventProcessor("analytics-publisher", StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        var again = awaitRecords(replayFrom, EXPECTED);

        assertThat(again.stream().map(r -> header(r, "ce_id")).toList())
                .containsExactlyElementsOf(first.stream().map(r -> header(r, "ce_id")).toList());
        assertThat(again.stream().map(ConsumerRecord::value).toList())
                .containsExactlyElementsOf(first.stream().map(ConsumerRecord::value).toList());
    }

    @Test
    @Order(Integer.MAX_VALUE)  // last: restarts the platform
    void topicsAndAnalystsCommittedOffsetsSurviveARestart() throws Exception {
        var published = awaitRecords(before, 2 * EXPECTED);  // first publication and replay
        var committed = new HashMap<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata>();
        endOffsets().forEach((partition, end) ->
                committed.put(partition, new org.apache.kafka.clients.consumer.OffsetAndMetadata(end)));
        try (var analyst = consumer("analysts-restart-check")) {
            analyst.commitSync(committed);
        }

        TestPlatform.restart();

        try (var analyst = consumer("analysts-restart-check")) {
            assertThat(analyst.committed(committed.keySet(), Duration.ofSeconds(30))).isEqualTo(committed);
        }
        // the same records, and no re-publication: the publisher's token survived too
        assertThat(awaitRecords(before, 2 * EXPECTED).stream().map(r -> header(r, "ce_id")).toList())
                .containsExactlyElementsOf(published.stream().map(r -> header(r, "ce_id")).toList());
    }

    /** This class's records (its two doctors) published after {@code from}, in topic-partition order. */
    private List<ConsumerRecord<String, String>> awaitRecords(Map<TopicPartition, Long> from, int expected) {
        Predicate<ConsumerRecord<String, String>> ours = r ->
                r.key().equals(doctor.id()) || r.key().equals(otherDoctor.id());
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (var consumer = consumer()) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (ours.test(r)) {
                        records.add(r);
                    }
                });
                return records.size() >= expected;
            });
            // nothing more than expected (e.g. a duplicate from a redelivery) within a short while
            consumer.poll(Duration.ofSeconds(1)).forEach(r -> {
                if (ours.test(r)) {
                    records.add(r);
                }
            });
        }
        assertThat(records.stream().map(ConsumerRecord::value).toList()).hasSize(expected);
        // a stable order: appointments before ratings, each partition by offset (a doctor lives in one partition)
        records.sort(java.util.Comparator.<ConsumerRecord<String, String>, String>comparing(ConsumerRecord::topic)
                .thenComparing(ConsumerRecord::key).thenComparingLong(ConsumerRecord::offset));
        return records;
    }

    private Map<TopicPartition, Long> endOffsets() {
        try (var consumer = consumer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                partitions.clear();
                for (String topic : List.of(APPOINTMENTS, RATINGS)) {
                    consumer.partitionsFor(topic, Duration.ofSeconds(5))
                            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
                }
                return partitions.size() >= 2;
            });
            return new HashMap<>(consumer.endOffsets(partitions));
        }
    }

    private static KafkaConsumer<String, String> consumer() {
        return consumer(null);
    }

    private static KafkaConsumer<String, String> consumer(String group) {
        var config = new Properties();
        if (group != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestPlatform.kafkaBootstrap());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(config);
    }

    private static List<String> statuses(List<ConsumerRecord<String, String>> records, Actor doctor) {
        return records.stream().filter(r -> r.topic().equals(APPOINTMENTS) && r.key().equals(doctor.id()))
                .map(r -> value(r).path("appointmentId").asText() + " " + value(r).path("status").asText())
                .toList();
    }

    private static JsonNode value(ConsumerRecord<String, String> record) {
        try {
            return Api.JSON.readTree(record.value());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + record.value(), e);
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void ok(Api.Response response) {
        if (response.status() != 200) {
            throw new AssertionError(response.toString());
        }
    }
}
