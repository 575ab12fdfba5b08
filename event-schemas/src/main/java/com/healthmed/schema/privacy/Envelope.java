package com.healthmed.schema.privacy;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * AES-256-GCM with additional authenticated data, shared by everything that encrypts at rest: health-record
 * documents and their data keys (gateway) and personal data in events and its per-person keys (event processing).
 * Plain JDK, so it lives with the published language that both sides already depend on.
 */
public final class Envelope {

    /** The records master key published in the repository for development; refused outside development. */
    public static final String DEVELOPMENT_MASTER_KEY = "ZGV2ZWxvcG1lbnQtb25seS1rZXktZG8tbm90LXVzZSE=";
    public static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Envelope() {
    }

    /** The 256-bit key in {@code base64}; {@code setting} names it in the error. */
    public static SecretKey key(String base64, String setting) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalStateException(setting + " is not set");
        }
        byte[] key = Base64.getDecoder().decode(base64);
        if (key.length != 32) {
            throw new IllegalStateException(setting + " must be 32 bytes (base64)");
        }
        return new SecretKeySpec(key, "AES");
    }

    public static SecretKey newKey() {
        return new SecretKeySpec(randomBytes(32), "AES");
    }

    public static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** Encrypts (or decrypts) {@code input} at once; a wrong key, IV or {@code aad} fails the tag check. */
    public static byte[] crypt(int mode, SecretKey key, byte[] iv, String aad, byte[] input) {
        try {
            return cipher(mode, key, iv, aad).doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(mode == Cipher.ENCRYPT_MODE ? "encryption failed" : "decryption failed", e);
        }
    }

    /** A cipher for streaming, bound to {@code aad}. */
    public static Cipher cipher(int mode, SecretKey key, byte[] iv, String aad) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cipher unavailable", e);
        }
    }

    /** {@code iv ‖ ciphertext} under a fresh IV. */
    public static byte[] seal(SecretKey key, String aad, byte[] plaintext) {
        byte[] iv = randomBytes(IV_BYTES);
        byte[] ciphertext = crypt(Cipher.ENCRYPT_MODE, key, iv, aad, plaintext);
        byte[] sealed = new byte[IV_BYTES + ciphertext.length];
        System.arraycopy(iv, 0, sealed, 0, IV_BYTES);
        System.arraycopy(ciphertext, 0, sealed, IV_BYTES, ciphertext.length);
        return sealed;
    }

    /** The inverse of {@link #seal}. */
    public static byte[] open(SecretKey key, String aad, byte[] sealed) {
        if (sealed.length <= IV_BYTES) {
            throw new IllegalStateException("decryption failed: too short");
        }
        byte[] iv = java.util.Arrays.copyOfRange(sealed, 0, IV_BYTES);
        return crypt(Cipher.DECRYPT_MODE, key, iv, aad, java.util.Arrays.copyOfRange(sealed, IV_BYTES, sealed.length));
    }
}
