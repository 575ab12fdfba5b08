package com.healthmed.schema.record;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Someone other than the owner asks to list the record ({@code documentId} null) or read one document. The
 * record decides against its live grants at this instant, logs the attempt (granted or refused) and answers
 * with an {@link AccessDecision}.
 */
public record RecordDocumentAccessCommand(String patientId, String accessorId, String documentId) {

    @TargetAggregateIdentifier
    public String recordId() {
        return MedicalRecordId.of(patientId);
    }
}
