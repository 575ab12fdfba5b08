package com.healthmed.schema.scheduling;

import java.time.Instant;

public record AvailabilityWindowResponse(String windowId, Instant start, Instant end, int slotMinutes,
                                         int bufferMinutes) {
}
