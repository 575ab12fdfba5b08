package com.healthmed.schema.record;

/** The owner's documents, newest first; {@code group} may be null. */
public record FindMyDocumentsQuery(String patientId, DocumentGroup group, int page, int size) {
}
