package com.healthmed.schema.record;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RemoveDocumentCommand(String patientId, String documentId) {

    @TargetAggregateIdentifier
    public String recordId() {
        return MedicalRecordId.of(patientId);
    }
}
