package com.healthmed.schema.scheduling;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Binds a patient's {@code Idempotency-Key} to one booking (doctor, start, appointment id) the first time it is
 * used. Answers with the appointment id bound to the key: the proposed one the first time, the first one ever
 * after for the same doctor and start, and a refusal ({@code idempotency-key-reused}) for anything else. The
 * command side decides this, so concurrent retries can never book two slots.
 */
public record ClaimBookingRequestCommand(String patientId, String idempotencyKey, String doctorId, Instant start,
                                         String proposedAppointmentId) {

    @TargetAggregateIdentifier
    public String bookingRequestId() {
        return BookingRequestId.of(patientId, idempotencyKey);
    }
}
