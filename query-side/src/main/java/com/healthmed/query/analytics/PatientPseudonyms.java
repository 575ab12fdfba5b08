package com.healthmed.query.analytics;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Patient ids as analysts see them: HMAC-SHA256 with a secret key, so a patient's events can be linked to each
 * other but not to the person without the key (a plain hash of a known id could be reversed by trying ids).
 */
final class PatientPseudonyms {

    private final SecretKeySpec key;

    PatientPseudonyms(String key) {
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    String of(String patientId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(patientId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
