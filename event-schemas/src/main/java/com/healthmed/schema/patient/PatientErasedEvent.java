package com.healthmed.schema.patient;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The patient was erased (LGPD): the key of their personal data is destroyed, so the personal fields of their
 * earlier events read back as null from now on. Carries no personal data; the id stays as a pseudonym that
 * appointments and ratings keep referring to.
 *
 * @param requestedBy {@code PATIENT} or {@code ADMIN}
 */
@Revision("1")
public record PatientErasedEvent(String patientId, Instant erasedAt, String requestedBy) {
}
