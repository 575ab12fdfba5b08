package com.healthmed.schema.record;

import org.axonframework.serialization.Revision;

@Revision("1")
public record MedicalReportAddedEvent(String patientId, String doctorId, String appointmentId, StoredDocument document) {
}
