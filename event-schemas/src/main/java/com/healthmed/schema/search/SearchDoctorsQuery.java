package com.healthmed.schema.search;

import com.healthmed.schema.shared.Specialty;
import com.healthmed.schema.shared.Uf;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Verified doctors matching every given criterion; null criteria are not applied. {@code lat}, {@code lng}
 * and {@code radiusKm} go together, as do {@code availableFrom} and {@code availableTo}.
 */
public record SearchDoctorsQuery(Specialty specialty,
                                 String city,
                                 Uf state,
                                 Double lat,
                                 Double lng,
                                 Double radiusKm,
                                 Double minRating,
                                 BigDecimal maxPrice,
                                 Instant availableFrom,
                                 Instant availableTo,
                                 DoctorSort sort,
                                 int page,
                                 int size) {
}
