package com.healthmed.processing.privacy;

import javax.crypto.SecretKey;
import java.util.Optional;

/** The per-person keys of personal data in events, kept outside the event store. */
public interface PersonalDataKeys {

    /**
     * The subject's key, created on first use.
     *
     * @throws SubjectErasedException if the subject was erased: nothing personal may be written about them again
     */
    SecretKey forWriting(String subject);

    /** The subject's key; empty once it was destroyed (or never existed). */
    Optional<SecretKey> forReading(String subject);

    /** Destroys the key for good (idempotent); every value encrypted under it becomes unreadable. */
    void destroy(String subject);

    /** Personal data about an erased person was to be written. */
    class SubjectErasedException extends IllegalStateException {
        public SubjectErasedException(String subject) {
            super("subject " + subject + " was erased; no personal data about them is stored any more");
        }
    }
}
