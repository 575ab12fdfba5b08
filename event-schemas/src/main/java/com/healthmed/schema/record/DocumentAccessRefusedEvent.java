package com.healthmed.schema.record;

import org.axonframework.serialization.Revision;

/** Transparency: a refused attempt to list or read the record. */
@Revision("1")
public record DocumentAccessRefusedEvent(String patientId, String accessorId, String documentId) {
}
