package com.healthmed.schema.record;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RevokeAccessCommand(String patientId, String grantId) {

    @TargetAggregateIdentifier
    public String recordId() {
        return MedicalRecordId.of(patientId);
    }
}
