package com.healthmed.schema.record;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A doctor's report of a consultation, stored as a document of group {@code reports}. */
public record AddMedicalReportCommand(String patientId, String doctorId, String appointmentId, StoredDocument document) {

    @TargetAggregateIdentifier
    public String recordId() {
        return MedicalRecordId.of(patientId);
    }
}
