package com.healthmed.schema.record;

import java.util.List;

public record DocumentPageResponse(List<StoredDocument> items, int page, int size, long total) {
}
