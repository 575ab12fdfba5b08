package com.healthmed.schema.patient;

/** What {@link ErasePatientCommand} did. */
public enum ErasureOutcome {
    ERASED, ALREADY_ERASED
}
