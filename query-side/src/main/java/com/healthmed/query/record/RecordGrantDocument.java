package com.healthmed.query.record;

import com.healthmed.schema.record.DocumentGroup;
import com.healthmed.schema.record.GrantResponse;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

@Document("record_grants")
record RecordGrantDocument(@Id String id, @Indexed String patientId, String doctorId, List<String> documentIds,
                           List<DocumentGroup> groups, Instant grantedAt, Instant validUntil, Instant revokedAt) {

    GrantResponse toResponse() {
        return new GrantResponse(id, doctorId, documentIds, groups, grantedAt, validUntil, revokedAt);
    }
}
