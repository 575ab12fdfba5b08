package com.healthmed.schema.record;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/** Shares chosen documents and/or whole groups (including documents added to them later) until {@code validUntil}. */
public record GrantAccessCommand(String patientId, String grantId, String doctorId, List<String> documentIds,
                                 List<DocumentGroup> groups, Instant validUntil) {

    @TargetAggregateIdentifier
    public String recordId() {
        return MedicalRecordId.of(patientId);
    }
}
