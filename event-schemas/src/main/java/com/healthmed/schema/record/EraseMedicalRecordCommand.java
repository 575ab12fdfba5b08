package com.healthmed.schema.record;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Part of a patient's erasure: every grant ends and every document leaves the record. Idempotent. */
public record EraseMedicalRecordCommand(String patientId) {

    @TargetAggregateIdentifier
    public String recordId() {
        return MedicalRecordId.of(patientId);
    }
}
