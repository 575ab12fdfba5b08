package com.healthmed.schema.audit;

import java.time.Instant;

/**
 * One page of the event store's history in global order, after position {@code after} (null: from the start, or
 * from {@code from}). Null filters match everything; {@code type} matches the payload's simple or full class name.
 * At most {@code maxEvents} are returned and at most {@code maxScanned} stored events are read per page, so one
 * page costs bounded time and memory however selective the filters are.
 */
public record FindAuditEventsQuery(String aggregateId, String aggregateType, String type, Instant from, Instant to,
                                   Long after, int maxEvents, int maxScanned) {
}
