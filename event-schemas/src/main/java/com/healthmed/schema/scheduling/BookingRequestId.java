package com.healthmed.schema.scheduling;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The aggregate id of one patient's booking request named by an {@code Idempotency-Key}: a hash of both, so
 * keys of any length (and any characters) give a short id, and two patients' equal keys never meet.
 */
public final class BookingRequestId {

    private static final String PREFIX = "booking-request:";

    private BookingRequestId() {
    }

    public static String of(String patientId, String idempotencyKey) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            digest.update(patientId.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(idempotencyKey.getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
