package com.healthmed.schema.record;

import org.axonframework.serialization.Revision;

/**
 * The record's owner was erased (LGPD): it takes no document, report or grant any more. Carries no personal data;
 * the grants and documents it had left with their own events just before.
 */
@Revision("1")
public record MedicalRecordErasedEvent(String patientId) {
}
