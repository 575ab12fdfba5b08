package com.healthmed.schema.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guards the analysts' contract: each integration record matches its topic's JSON Schema, and each schema stays
 * compatible with the copy published under that topic version ({@code src/test/resources/published-schemas}).
 * Removing or retyping a field therefore fails here unless it goes to a new topic version with a new schema.
 */
class IntegrationSchemaCompatibilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(IntegrationTopic.class)
    void recordMatchesItsTopicSchema(IntegrationTopic topic) throws IOException {
        assertThat(SchemaCompatibility.recordAgainstSchema(topic.recordType(), schema(topic))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(IntegrationTopic.class)
    void schemaStaysCompatibleWithThePublishedVersion(IntegrationTopic topic) throws IOException {
        assertThat(SchemaCompatibility.schemaAgainstPublished(schema(topic), published(topic))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(IntegrationTopic.class)
    void schemaIsDraft2020_12AndClosed(IntegrationTopic topic) throws IOException {
        JsonNode schema = schema(topic);
        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
    }

    /** A record that lost {@code stars} (test source) against the published ratings schema. */
    record DoctorRatedWithoutStars(String eventId, String appointmentId, String doctorId, List<String> specialties,
                                   String city, String uf, Instant ratedAt, BigDecimal averageStars,
                                   long ratingCount, String patientPseudonym) {
    }

    /** A record whose {@code stars} became text. */
    record DoctorRatedWithTextStars(String eventId, String appointmentId, String doctorId, List<String> specialties,
                                    String city, String uf, String stars, Instant ratedAt, BigDecimal averageStars,
                                    long ratingCount, String patientPseudonym) {
    }

    @Test
    void aRecordWithAFieldRemovedIsIncompatible() throws IOException {
        assertThat(SchemaCompatibility.recordAgainstSchema(DoctorRatedWithoutStars.class,
                schema(IntegrationTopic.DOCTOR_RATINGS)))
                .containsExactly("stars: in the schema, missing from the record");
    }

    @Test
    void aRecordWithAFieldRetypedIsIncompatible() throws IOException {
        assertThat(SchemaCompatibility.recordAgainstSchema(DoctorRatedWithTextStars.class,
                schema(IntegrationTopic.DOCTOR_RATINGS)))
                .containsExactly("stars: the record writes string, the schema says [integer]");
    }

    @Test
    void editingThePublishedSchemaAlongWithTheRecordIsStillCaught() throws IOException {
        var published = published(IntegrationTopic.APPOINTMENTS);
        var edited = (ObjectNode) published.deepCopy();
        ((ObjectNode) edited.path("properties")).remove("start");
        ((ObjectNode) edited.path("properties").path("price")).put("type", "string");

        assertThat(SchemaCompatibility.schemaAgainstPublished(edited, published))
                .containsExactlyInAnyOrder("start: removed from a published schema",
                        "price: retyped from [number] to [string]");
    }

    @Test
    void aNewOptionalPropertyIsCompatible() throws IOException {
        var published = published(IntegrationTopic.APPOINTMENTS);
        var grown = (ObjectNode) published.deepCopy();
        ((ObjectNode) grown.path("properties")).putObject("channel").putArray("type").add("string").add("null");

        assertThat(SchemaCompatibility.schemaAgainstPublished(grown, published)).isEmpty();
    }

    private static JsonNode schema(IntegrationTopic topic) throws IOException {
        return read(topic.schemaResource());
    }

    private static JsonNode published(IntegrationTopic topic) throws IOException {
        return read("published-schemas/" + topic.topicName() + ".json");
    }

    private static JsonNode read(String resource) throws IOException {
        try (var in = IntegrationSchemaCompatibilityTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return JSON.readTree(in);
        }
    }
}
