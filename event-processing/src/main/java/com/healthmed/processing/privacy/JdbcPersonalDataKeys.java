package com.healthmed.processing.privacy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.healthmed.schema.privacy.Envelope;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Keys in PostgreSQL table {@code personal_data_keys}, each wrapped (AES-256-GCM, {@link Envelope}) by the records
 * master key and bound to its subject. Destroying a key overwrites it with NULL and keeps the row as a tombstone,
 * so no new key is ever made for an erased person. Every change commits in its own transaction: a key must exist
 * before an event encrypted under it is stored, and a destruction is never undone by a failing command.
 *
 * <p>Unwrapped keys (and the knowledge that one is gone) are cached for {@code cacheTtl}; this node evicts on
 * destroy, another node of the platform may still decrypt for at most that long.
 */
public class JdbcPersonalDataKeys implements PersonalDataKeys {

    static final String TABLE = "personal_data_keys";
    private static final String AAD_PREFIX = "personal-data:";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final SecretKey masterKey;
    private final Clock clock;
    private final Cache<String, Optional<SecretKey>> cache;

    public JdbcPersonalDataKeys(JdbcTemplate jdbc, PlatformTransactionManager transactions, SecretKey masterKey,
                                Duration cacheTtl, Clock clock) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.masterKey = masterKey;
        this.clock = clock;
        this.cache = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(cacheTtl).build();
    }

    public void createTableIfMissing() {
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (subject_id VARCHAR(255) PRIMARY KEY, iv BYTEA, "
                + "wrapped_key BYTEA, created_at TIMESTAMP WITH TIME ZONE NOT NULL, erased_at TIMESTAMP WITH TIME ZONE)");
    }

    @Override
    public SecretKey forWriting(String subject) {
        Optional<SecretKey> cached = cache.getIfPresent(subject);
        if (cached != null && cached.isPresent()) {
            return cached.get();
        }
        Optional<Stored> stored = read(subject);
        if (stored.isEmpty()) {
            SecretKey fresh = Envelope.newKey();
            byte[] iv = Envelope.randomBytes(Envelope.IV_BYTES);
            byte[] wrapped = Envelope.crypt(Cipher.ENCRYPT_MODE, masterKey, iv, AAD_PREFIX + subject, fresh.getEncoded());
            try {
                ownTransaction.executeWithoutResult(status -> jdbc.update("INSERT INTO " + TABLE
                                + " (subject_id, iv, wrapped_key, created_at) VALUES (?, ?, ?, ?)", subject, iv, wrapped,
                        Timestamp.from(clock.instant())));
            } catch (DuplicateKeyException createdMeanwhile) {
                // another writer won: use its key
            }
            stored = read(subject);
        }
        Optional<SecretKey> key = stored.flatMap(this::unwrap);
        if (key.isEmpty()) {
            throw new SubjectErasedException(subject);
        }
        cache.put(subject, key);
        return key.get();
    }

    @Override
    public Optional<SecretKey> forReading(String subject) {
        return cache.get(subject, s -> read(s).flatMap(this::unwrap));
    }

    @Override
    public void destroy(String subject) {
        ownTransaction.executeWithoutResult(status -> {
            Timestamp now = Timestamp.from(clock.instant());
            int updated = jdbc.update("UPDATE " + TABLE + " SET iv = NULL, wrapped_key = NULL, erased_at = ? "
                    + "WHERE subject_id = ? AND erased_at IS NULL", now, subject);
            if (updated == 0 && read(subject).isEmpty()) {
                try {
                    jdbc.update("INSERT INTO " + TABLE + " (subject_id, created_at, erased_at) VALUES (?, ?, ?)",
                            subject, now, now);
                } catch (DuplicateKeyException createdMeanwhile) {
                    jdbc.update("UPDATE " + TABLE + " SET iv = NULL, wrapped_key = NULL, erased_at = ? "
                            + "WHERE subject_id = ?", now, subject);
                }
            }
        });
        cache.put(subject, Optional.empty());
    }

    private Optional<Stored> read(String subject) {
        List<Stored> rows = jdbc.query("SELECT iv, wrapped_key FROM " + TABLE + " WHERE subject_id = ?",
                (row, n) -> new Stored(subject, row.getBytes(1), row.getBytes(2)), subject);
        return rows.stream().findFirst();
    }

    private Optional<SecretKey> unwrap(Stored stored) {
        if (stored.wrapped() == null) {
            return Optional.empty();
        }
        byte[] key = Envelope.crypt(Cipher.DECRYPT_MODE, masterKey, stored.iv(), AAD_PREFIX + stored.subject(),
                stored.wrapped());
        return Optional.of(new SecretKeySpec(key, "AES"));
    }

    private record Stored(String subject, byte[] iv, byte[] wrapped) {
    }
}
