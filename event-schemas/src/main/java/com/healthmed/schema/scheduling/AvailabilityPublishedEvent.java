package com.healthmed.schema.scheduling;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** One published window of a doctor. */
@Revision("1")
public record AvailabilityPublishedEvent(String doctorId, String windowId, Instant start, Instant end,
                                         int slotMinutes, int bufferMinutes) {
}
