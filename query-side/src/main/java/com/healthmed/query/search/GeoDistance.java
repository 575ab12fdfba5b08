package com.healthmed.query.search;

/** Great-circle distances on a spherical Earth (mean radius), and the bounding box that contains a circle. */
final class GeoDistance {

    static final double EARTH_RADIUS_KM = 6371.0088;
    private static final double KM_PER_DEGREE_LAT = Math.PI * EARTH_RADIUS_KM / 180.0;

    private GeoDistance() {
    }

    /** Haversine distance in kilometres. */
    static double km(double lat1, double lng1, double lat2, double lng2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLng = Math.toRadians(lng2 - lng1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.sin(dLng / 2) * Math.sin(dLng / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    /** {minLat, maxLat, minLng, maxLng} of a box that contains every point within {@code radiusKm}. */
    static double[] boundingBox(double lat, double lng, double radiusKm) {
        double dLat = radiusKm / KM_PER_DEGREE_LAT;
        double minLat = Math.max(-90, lat - dLat);
        double maxLat = Math.min(90, lat + dLat);
        // the widest longitude span is at the box's latitude farthest from the equator
        double widest = Math.max(Math.abs(minLat), Math.abs(maxLat));
        double cos = Math.cos(Math.toRadians(widest));
        double dLng = cos < 1e-9 ? 180 : Math.min(180, radiusKm / (KM_PER_DEGREE_LAT * cos));
        return new double[]{minLat, maxLat, lng - dLng, lng + dLng};
    }

    /** Rounded to 0.1 km, as results show it. */
    static double rounded(double km) {
        return Math.round(km * 10) / 10.0;
    }
}
