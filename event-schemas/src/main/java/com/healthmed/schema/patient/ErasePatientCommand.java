package com.healthmed.schema.patient;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Erases a patient (LGPD): destroys the key of their personal data and records {@link PatientErasedEvent}.
 * Answers {@link ErasureOutcome}; erasing an erased patient is not an error.
 *
 * @param requestedBy {@code PATIENT} (the person themself) or {@code ADMIN}
 */
public record ErasePatientCommand(@TargetAggregateIdentifier String patientId, String requestedBy) {
}
