package com.healthmed.schema.record;

import org.axonframework.serialization.Revision;

/** Transparency: who read what (a document, or the listing when {@code documentId} is null) under which grants. */
@Revision("1")
public record DocumentAccessedEvent(String patientId, String accessorId, String documentId, java.util.List<String> grantIds) {
}
