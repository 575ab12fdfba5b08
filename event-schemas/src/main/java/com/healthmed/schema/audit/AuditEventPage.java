package com.healthmed.schema.audit;

import java.util.List;

/**
 * The matching events of one page, the global position read up to ({@code lastScanned}, where the next page
 * resumes; null when nothing was read) and whether the history has been read to its end (or past {@code to}).
 */
public record AuditEventPage(List<AuditEventResponse> events, Long lastScanned, boolean end) {
}
