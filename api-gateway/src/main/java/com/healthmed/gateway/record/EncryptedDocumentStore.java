package com.healthmed.gateway.record;

import com.healthmed.gateway.problem.Problems;

import com.mongodb.client.gridfs.model.GridFSFile;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.gridfs.GridFsTemplate;
import org.springframework.stereotype.Component;

import javax.crypto.Cipher;
import javax.crypto.CipherInputStream;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Health-record bytes at rest: AES-256-GCM under a per-patient data key, which is itself stored only wrapped
 * (AES-256-GCM) by the master key from configuration. Each document gets a fresh IV and is bound to its
 * storage id (additional authenticated data), so ciphertext cannot be swapped between documents unnoticed.
 * Destroying a patient's data key would make all of that patient's documents unreadable (crypto-shredding).
 */
@Component
class EncryptedDocumentStore {

    private static final String KEYS = "record_keys";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final GridFsTemplate files;
    private final MongoTemplate mongo;
    private final SecretKey masterKey;
    private final SecureRandom random = new SecureRandom();

    EncryptedDocumentStore(GridFsTemplate files, MongoTemplate mongo, RecordsProperties properties) {
        this.files = files;
        this.mongo = mongo;
        if (properties.masterKey() == null || properties.masterKey().isBlank()) {
            throw new IllegalStateException("healthmed.records.master-key is not set");
        }
        byte[] key = Base64.getDecoder().decode(properties.masterKey());
        if (key.length != 32) {
            throw new IllegalStateException("healthmed.records.master-key must be 32 bytes (base64)");
        }
        this.masterKey = new SecretKeySpec(key, "AES");
    }

    /** Encrypts and stores the bytes; returns the storage reference. */
    String store(String patientId, byte[] plaintext) {
        return store(patientId, new ByteArrayInputStream(plaintext));
    }

    /**
     * Encrypts the stream while GridFS reads it chunk by chunk, so an upload is never held whole in memory;
     * returns the storage reference.
     */
    String store(String patientId, InputStream plaintext) {
        String ref = UUID.randomUUID().toString();
        byte[] iv = randomBytes(IV_BYTES);
        var metadata = new Document("patientId", patientId).append("iv", new Binary(iv)).append("cipher", "AES-256-GCM");
        try (var ciphertext = new CipherInputStream(plaintext, cipher(Cipher.ENCRYPT_MODE, dataKey(patientId), iv, ref))) {
            files.store(ciphertext, ref, "application/octet-stream", metadata);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return ref;
    }

    /** The decrypted bytes as a stream; the GCM tag is verified before the last bytes are released; 404 when removed. */
    InputStream open(String patientId, String ref) {
        GridFSFile file = files.findOne(query(where("filename").is(ref)));
        if (file == null || file.getMetadata() == null || !patientId.equals(file.getMetadata().getString("patientId"))) {
            // the document was deleted a moment ago (its bytes first): it is gone, like any unknown document
            throw Problems.notFound("No such document.");
        }
        byte[] iv = file.getMetadata().get("iv", Binary.class).getData();
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, dataKey(patientId), iv, ref);
            return new CipherInputStream(files.getResource(file).getInputStream(), cipher);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Destroys the stored bytes. */
    void delete(String ref) {
        files.delete(query(where("filename").is(ref)));
    }

    private SecretKey dataKey(String patientId) {
        Document stored = mongo.getCollection(KEYS).find(new Document("_id", patientId)).first();
        if (stored == null) {
            byte[] fresh = randomBytes(32);
            byte[] iv = randomBytes(IV_BYTES);
            byte[] wrapped = crypt(Cipher.ENCRYPT_MODE, masterKey, iv, patientId, fresh);
            try {
                mongo.insert(new Document("_id", patientId).append("iv", new Binary(iv)).append("wrapped", new Binary(wrapped)),
                        KEYS);
                return new SecretKeySpec(fresh, "AES");
            } catch (DuplicateKeyException createdMeanwhile) {
                stored = mongo.getCollection(KEYS).find(new Document("_id", patientId)).first();
            }
        }
        byte[] key = crypt(Cipher.DECRYPT_MODE, masterKey, stored.get("iv", Binary.class).getData(), patientId,
                stored.get("wrapped", Binary.class).getData());
        return new SecretKeySpec(key, "AES");
    }

    private static byte[] crypt(int mode, SecretKey key, byte[] iv, String aad, byte[] input) {
        try {
            return cipher(mode, key, iv, aad).doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] iv, String aad) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cipher unavailable", e);
        }
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }
}
