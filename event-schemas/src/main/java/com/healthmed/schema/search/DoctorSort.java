package com.healthmed.schema.search;

/** Orders of doctor search results; {@code DISTANCE} needs a point. Ties are broken by doctor id. */
public enum DoctorSort {
    DISTANCE, RATING, PRICE, NEXT_AVAILABLE
}
