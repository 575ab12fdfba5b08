package com.healthmed.schema.scheduling;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A patient's idempotency key now stands for this booking (the key itself is kept only as a hash, in the id). */
@Revision("1")
public record BookingRequestClaimedEvent(String bookingRequestId, String patientId, String doctorId, Instant start,
                                         String appointmentId) {
}
