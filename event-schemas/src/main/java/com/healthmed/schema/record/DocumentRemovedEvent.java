package com.healthmed.schema.record;

import org.axonframework.serialization.Revision;

/** The document left the record; its encrypted bytes are destroyed. */
@Revision("1")
public record DocumentRemovedEvent(String patientId, String documentId, String storageRef) {
}
