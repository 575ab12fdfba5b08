package com.healthmed.schema.rating;

import java.math.BigDecimal;
import java.util.Map;

/**
 * A doctor's rating: the average of the stars rounded half up to two decimals ({@code null} when unrated), how
 * many ratings, and how many of each star count (keys 1 to 5, all present).
 */
public record DoctorRatingSummaryResponse(BigDecimal average, int count, Map<Integer, Integer> distribution) {
}
