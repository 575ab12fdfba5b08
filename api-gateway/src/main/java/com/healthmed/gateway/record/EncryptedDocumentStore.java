package com.healthmed.gateway.record;

import com.healthmed.gateway.problem.Problems;
import com.healthmed.gateway.problem.RejectedException;
import com.healthmed.schema.shared.Rejection;
import com.healthmed.schema.shared.RejectionReason;
import com.mongodb.client.model.ReplaceOptions;
import com.healthmed.schema.privacy.Envelope;

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
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
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
public class EncryptedDocumentStore {

    private static final String KEYS = "record_keys";
    private static final int IV_BYTES = Envelope.IV_BYTES;
    private static final String ERASED = "erased";

    private final GridFsTemplate files;
    private final MongoTemplate mongo;
    private final SecretKey masterKey;

    EncryptedDocumentStore(GridFsTemplate files, MongoTemplate mongo, RecordsProperties properties) {
        this.files = files;
        this.mongo = mongo;
        this.masterKey = Envelope.key(properties.masterKey(), "healthmed.records.master-key");
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
        byte[] iv = Envelope.randomBytes(IV_BYTES);
        var metadata = new Document("patientId", patientId).append("iv", new Binary(iv)).append("cipher", "AES-256-GCM");
        try (var ciphertext = new CipherInputStream(plaintext, Envelope.cipher(Cipher.ENCRYPT_MODE, dataKey(patientId), iv, ref))) {
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
            Cipher cipher = Envelope.cipher(Cipher.DECRYPT_MODE, dataKey(patientId), iv, ref);
            return new CipherInputStream(files.getResource(file).getInputStream(), cipher);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Destroys the stored bytes. */
    void delete(String ref) {
        files.delete(query(where("filename").is(ref)));
    }

    /**
     * Erasure: destroys the patient's data key first (every copy of their bytes is unreadable from then on), then
     * the bytes themselves. Idempotent; rare, so the scan by metadata (DESIGN §10) is acceptable.
     */
    public void eraseAll(String patientId) {
        // a tombstone, not a removal: an upload racing the erasure (a token still valid) must not get a fresh key
        mongo.getCollection(KEYS).replaceOne(new Document("_id", patientId),
                new Document("_id", patientId).append(ERASED, true), new ReplaceOptions().upsert(true));
        files.delete(query(where("metadata.patientId").is(patientId)));
    }

    /** Whether any bytes or a usable data key of the patient are still stored. */
    public boolean holdsAnything(String patientId) {
        Document key = mongo.getCollection(KEYS).find(new Document("_id", patientId)).first();
        return files.findOne(query(where("metadata.patientId").is(patientId))) != null
                || (key != null && key.containsKey("wrapped"));
    }

    private SecretKey dataKey(String patientId) {
        Document stored = mongo.getCollection(KEYS).find(new Document("_id", patientId)).first();
        if (stored == null) {
            byte[] fresh = Envelope.randomBytes(32);
            byte[] iv = Envelope.randomBytes(IV_BYTES);
            byte[] wrapped = Envelope.crypt(Cipher.ENCRYPT_MODE, masterKey, iv, patientId, fresh);
            try {
                mongo.insert(new Document("_id", patientId).append("iv", new Binary(iv)).append("wrapped", new Binary(wrapped)),
                        KEYS);
                return new SecretKeySpec(fresh, "AES");
            } catch (DuplicateKeyException createdMeanwhile) {
                stored = mongo.getCollection(KEYS).find(new Document("_id", patientId)).first();
            }
        }
        if (stored.getBoolean(ERASED, false)) {
            throw new RejectedException(new Rejection(RejectionReason.PATIENT_ERASED,
                    "Patient " + patientId + " was erased: their record takes no new documents."));
        }
        byte[] key = Envelope.crypt(Cipher.DECRYPT_MODE, masterKey, stored.get("iv", Binary.class).getData(), patientId,
                stored.get("wrapped", Binary.class).getData());
        return new SecretKeySpec(key, "AES");
    }

}
