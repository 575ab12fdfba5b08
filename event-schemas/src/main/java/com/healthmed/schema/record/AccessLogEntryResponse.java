package com.healthmed.schema.record;

import java.time.Instant;
import java.util.List;

/** One access to a record by someone other than its owner; {@code documentId} null means the listing. */
public record AccessLogEntryResponse(Instant at, String accessorId, String documentId, boolean granted,
                                     List<String> grantIds) {
}
