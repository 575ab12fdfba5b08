package com.healthmed.schema.record;

/**
 * The aggregate id of a patient's health record, derived from the patient id (aggregate ids are unique
 * across aggregate types; the patient id already names the {@code Patient}).
 */
public final class MedicalRecordId {

    private MedicalRecordId() {
    }

    public static String of(String patientId) {
        return "record:" + patientId;
    }
}
