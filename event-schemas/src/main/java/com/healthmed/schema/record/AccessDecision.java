package com.healthmed.schema.record;

import java.util.List;

/**
 * The answer to a {@link RecordDocumentAccessCommand}: whether access is granted, under which grant(s), and
 * for a listing the documents the accessor may see.
 */
public record AccessDecision(boolean granted, List<String> grantIds, List<StoredDocument> documents) {

    public static AccessDecision refused() {
        return new AccessDecision(false, List.of(), List.of());
    }
}
