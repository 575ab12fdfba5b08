package com.healthmed.schema.shared;

/** A WGS-84 position in decimal degrees. */
public record GeoPoint(double lat, double lng) {
}
