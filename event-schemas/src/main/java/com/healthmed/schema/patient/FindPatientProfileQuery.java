package com.healthmed.schema.patient;

public record FindPatientProfileQuery(String patientId) {
}
