package com.healthmed.schema.scheduling;

import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record AvailabilityRevisedEvent(String doctorId, String windowId, Instant start, Instant end,
                                       int slotMinutes, int bufferMinutes) {
}
