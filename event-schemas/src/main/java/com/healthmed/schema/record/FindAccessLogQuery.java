package com.healthmed.schema.record;

public record FindAccessLogQuery(String patientId) {
}
