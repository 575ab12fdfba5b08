package com.healthmed.schema.record;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AddDocumentCommand(String patientId, StoredDocument document) {

    @TargetAggregateIdentifier
    public String recordId() {
        return MedicalRecordId.of(patientId);
    }
}
