package com.healthmed.schema.rating;

import java.util.List;

public record DoctorRatingsPageResponse(List<DoctorRatingResponse> items, int page, int size, long total) {
}
