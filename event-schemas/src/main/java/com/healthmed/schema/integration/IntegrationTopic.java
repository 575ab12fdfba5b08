package com.healthmed.schema.integration;

import java.util.Arrays;
import java.util.Optional;

/**
 * The Kafka topics analysts consume, each with the record its values follow and its JSON Schema (draft 2020-12)
 * on the class path. A topic's schema never changes incompatibly: removing or retyping a field means a new
 * topic version ({@code .v2}) with its own schema file.
 */
public enum IntegrationTopic {
    APPOINTMENTS("healthmed.appointments.v1", AppointmentStatusChanged.class),
    DOCTOR_RATINGS("healthmed.doctor-ratings.v1", DoctorRated.class);

    private final String topicName;
    private final Class<? extends Record> recordType;

    IntegrationTopic(String topicName, Class<? extends Record> recordType) {
        this.topicName = topicName;
        this.recordType = recordType;
    }

    public String topicName() {
        return topicName;
    }

    public Class<? extends Record> recordType() {
        return recordType;
    }

    /** Class-path resource of the topic's JSON Schema. */
    public String schemaResource() {
        return "schemas/" + topicName + ".json";
    }

    public static Optional<IntegrationTopic> byName(String topicName) {
        return Arrays.stream(values()).filter(t -> t.topicName.equals(topicName)).findFirst();
    }
}
