package com.healthmed.schema.audit;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * Someone read the audit history: who (user id, login name), what they asked for (the request's query string)
 * and when. Stored in the event store itself (no aggregate), so reading the history is part of the history.
 */
@Revision("1")
public record AuditHistoryReadEvent(String userId, String username, String request, Instant at) {
}
