package com.healthmed.schema.scheduling;

import java.time.Instant;

/** A window of availability to publish, with the id the gateway chose for it. */
public record AvailabilityWindowSpec(String windowId, Instant start, Instant end) {
}
