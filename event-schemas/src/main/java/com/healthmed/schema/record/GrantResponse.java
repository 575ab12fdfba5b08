package com.healthmed.schema.record;

import java.time.Instant;
import java.util.List;

public record GrantResponse(String grantId, String doctorId, List<String> documentIds, List<DocumentGroup> groups,
                            Instant grantedAt, Instant validUntil, Instant revokedAt) {
}
