package com.healthmed.schema.record;

import com.healthmed.schema.privacy.PersonalData;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A document's metadata: never its bytes. {@code storageRef} names the encrypted content in the document
 * store; {@code sha256} is the hash of the plaintext. Title and file name may name the patient: stored encrypted
 * under the patient's key (see {@link PersonalData}).
 */
public record StoredDocument(String documentId, @PersonalData String title, DocumentGroup group, String contentType,
                             @PersonalData String fileName,
                             long size, String sha256, String storageRef, LocalDate takenOn, Instant uploadedAt,
                             String addedBy) {
}
