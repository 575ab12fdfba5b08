package com.healthmed.query.search;

import java.text.Normalizer;
import java.util.Locale;

/** City names compared the way people type them: "sao paulo" finds "São Paulo". */
final class CityNames {

    private CityNames() {
    }

    static String fold(String city) {
        if (city == null) {
            return null;
        }
        String withoutAccents = Normalizer.normalize(city, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return withoutAccents.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip();
    }
}
