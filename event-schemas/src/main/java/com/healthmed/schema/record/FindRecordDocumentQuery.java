package com.healthmed.schema.record;

/** One document of the patient's own record (empty if it is not in that record). */
public record FindRecordDocumentQuery(String patientId, String documentId) {
}
