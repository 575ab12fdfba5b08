package com.healthmed.schema.record;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A document's metadata: never its bytes. {@code storageRef} names the encrypted content in the document
 * store; {@code sha256} is the hash of the plaintext.
 */
public record StoredDocument(String documentId, String title, DocumentGroup group, String contentType, String fileName,
                             long size, String sha256, String storageRef, LocalDate takenOn, Instant uploadedAt,
                             String addedBy) {
}
