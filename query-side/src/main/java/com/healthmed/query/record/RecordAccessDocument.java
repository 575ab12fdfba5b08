package com.healthmed.query.record;

import com.healthmed.schema.record.AccessLogEntryResponse;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/** One access by someone other than the owner; the id is the event's, so redelivery writes it once. */
@Document("record_access_log")
record RecordAccessDocument(@Id String id, @Indexed String patientId, Instant at, String accessorId, String documentId,
                            boolean granted, List<String> grantIds) {

    AccessLogEntryResponse toResponse() {
        return new AccessLogEntryResponse(at, accessorId, documentId, granted, grantIds);
    }
}
