package com.healthmed.schema.patient;

import com.healthmed.schema.shared.Uf;

/** Where a patient lives (the city the search and the doctor's agenda show). */
public record Residence(String city, Uf state) {
}
