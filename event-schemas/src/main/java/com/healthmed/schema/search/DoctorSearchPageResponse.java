package com.healthmed.schema.search;

import java.util.List;

public record DoctorSearchPageResponse(List<DoctorSearchResult> items, long total, int page, int size) {
}
