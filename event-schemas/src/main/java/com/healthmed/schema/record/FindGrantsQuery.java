package com.healthmed.schema.record;

public record FindGrantsQuery(String patientId) {
}
