package com.healthmed.schema.scheduling;

import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record SlotReleasedEvent(String doctorId, String appointmentId, Instant start, Instant end, String reason) {
}
