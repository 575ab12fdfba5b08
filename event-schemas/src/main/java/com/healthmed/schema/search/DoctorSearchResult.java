package com.healthmed.schema.search;

import com.healthmed.schema.shared.Money;
import com.healthmed.schema.shared.Specialty;
import com.healthmed.schema.shared.Uf;

import java.time.Instant;
import java.util.List;

/**
 * A doctor as search shows it. {@code ratingAverage} is null while nobody rated the doctor;
 * {@code distanceKm} (great-circle, rounded to 0.1 km) only when the search gave a point.
 */
public record DoctorSearchResult(String id, String name, String crm, List<Specialty> specialties, String city,
                                 Uf state, Money consultationPrice, Double ratingAverage, int ratingCount,
                                 Double distanceKm, Instant nextFreeSlot) {
}
