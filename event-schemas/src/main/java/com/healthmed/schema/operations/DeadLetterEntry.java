package com.healthmed.schema.operations;

import java.time.Instant;

/**
 * One parked event: what it was, which aggregate it came from, why its handler failed, when it was parked,
 * when it was last tried and how many attempts have failed.
 */
public record DeadLetterEntry(String sequenceIdentifier, String eventId, String eventType, String aggregateType,
                              String aggregateId, Long aggregateSequenceNumber, String causeType, String causeMessage,
                              Instant enqueuedAt, Instant lastTouched, int attempts) {
}
