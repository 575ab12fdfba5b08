package com.healthmed.gateway.web;

import com.healthmed.schema.shared.GeoPoint;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

/** A position in decimal degrees, as clients send it. */
public record GeoPointRequest(@NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
                              @NotNull @DecimalMin("-180") @DecimalMax("180") Double lng) {

    public GeoPoint toGeoPoint() {
        return new GeoPoint(lat, lng);
    }
}
