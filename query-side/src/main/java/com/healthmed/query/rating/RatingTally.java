package com.healthmed.query.rating;

import com.healthmed.schema.rating.DoctorRatingSummaryResponse;
import org.springframework.data.annotation.Id;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One doctor's ratings counted: the sum and number of stars, how many of each (keys "1" to "5"), and the
 * appointments counted, in the order they were counted (what makes counting idempotent, and gives each rating
 * its place in the doctor's list).
 */
public record RatingTally(@Id String id, int count, long sum, Map<String, Integer> distribution,
                          List<String> ratedAppointments) {

    static RatingTally none(String doctorId) {
        Map<String, Integer> distribution = new LinkedHashMap<>();
        for (int stars = 1; stars <= 5; stars++) {
            distribution.put(Integer.toString(stars), 0);
        }
        return new RatingTally(doctorId, 0, 0, distribution, List.of());
    }

    /** The average, rounded half up to two decimals; {@code null} when unrated. */
    public BigDecimal average() {
        return count == 0 ? null : BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
    }

    public DoctorRatingSummaryResponse toResponse() {
        Map<Integer, Integer> byStars = new LinkedHashMap<>();
        for (int stars = 1; stars <= 5; stars++) {
            byStars.put(stars, distribution == null ? 0 : distribution.getOrDefault(Integer.toString(stars), 0));
        }
        return new DoctorRatingSummaryResponse(average(), count, byStars);
    }
}
