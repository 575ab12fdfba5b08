package com.healthmed.schema.record;

import java.util.List;

public record AccessLogPageResponse(List<AccessLogEntryResponse> items, int page, int size, long total) {
}
