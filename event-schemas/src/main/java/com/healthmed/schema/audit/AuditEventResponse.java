package com.healthmed.schema.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One stored event as auditors see it. {@code payload} is the event's JSON as it is read (the current revision:
 * older stored revisions are upcast on reading; personal data decrypted, or null once its person was erased);
 * {@code metaData} carries who caused it
 * ({@code userId}, {@code role}, {@code correlationId}, ...). Events without an aggregate (for instance
 * {@link AuditHistoryReadEvent}) have no aggregate type, id or sequence number.
 */
public record AuditEventResponse(long position, String aggregateType, String aggregateId, Long sequenceNumber, String type,
                         String revision, Instant timestamp, Map<String, String> metaData, String payload) {
}
