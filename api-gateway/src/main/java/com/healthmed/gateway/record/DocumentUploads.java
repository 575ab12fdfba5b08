package com.healthmed.gateway.record;

import com.healthmed.gateway.problem.ApiExceptionHandler.FieldProblem;
import com.healthmed.gateway.problem.Problems;
import com.healthmed.gateway.problem.ProblemTypes;
import com.healthmed.gateway.web.InvalidRequestException;
import com.healthmed.schema.record.DocumentGroup;
import com.healthmed.schema.record.StoredDocument;
import org.apache.tika.Tika;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.multipart.MultipartFile;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Turns an upload into a stored, encrypted document: the type is detected from the bytes (the header and the
 * file name are not trusted), only PDF, JPEG and PNG are accepted, the file name is cleaned, and the bytes are
 * hashed and encrypted before anything is recorded.
 */
@Component
class DocumentUploads {

    static final Set<String> ACCEPTED = Set.of("application/pdf", "image/jpeg", "image/png");
    private static final Tika TYPES = new Tika();

    private final EncryptedDocumentStore store;

    DocumentUploads(EncryptedDocumentStore store) {
        this.store = store;
    }

    /** Validates and stores the bytes; returns the metadata to record (the caller removes the bytes if that fails). */
    StoredDocument accept(String patientId, MultipartFile file, DocumentGroup group, String title, LocalDate takenOn,
                          String addedBy) {
        if (file.isEmpty()) {
            throw problem(HttpStatus.BAD_REQUEST, "empty-document", "The file is empty.");
        }
        String detected;
        try (InputStream head = new BufferedInputStream(file.getInputStream())) {
            detected = TYPES.detect(head); // reads the first bytes only
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!ACCEPTED.contains(detected)) {
            throw problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-document-type",
                    "Only PDF, JPEG and PNG documents are accepted; this file is " + detected + ".");
        }
        String declared = file.getContentType();
        if (declared != null && !declared.isBlank() && !MediaType.APPLICATION_OCTET_STREAM_VALUE.equals(declared)
                && !declaredType(declared).isCompatibleWith(MediaType.parseMediaType(detected))) {
            throw problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "document-type-mismatch",
                    "The file was declared as " + declared + " but is " + detected + ".");
        }
        // the part is on disk (Tomcat's multipart): it is streamed through the cipher, never held whole in memory
        try (InputStream content = file.getInputStream()) {
            return stored(patientId, content, file.getSize(), detected,
                    FileNames.clean(file.getOriginalFilename(), detected), group, title, takenOn, addedBy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MediaType declaredType(String declared) {
        try {
            return MediaType.parseMediaType(declared);
        } catch (InvalidMediaTypeException e) {
            throw new InvalidRequestException(List.of(new FieldProblem("file",
                    "has a Content-Type that is not a media type: " + e.getMediaType())));
        }
    }

    /** Stores bytes already known to be of {@code contentType} (e.g. a report's text). */
    StoredDocument stored(String patientId, byte[] bytes, String contentType, String fileName, DocumentGroup group,
                          String title, LocalDate takenOn, String addedBy) {
        return stored(patientId, new ByteArrayInputStream(bytes), bytes.length, contentType, fileName, group, title,
                takenOn, addedBy);
    }

    private StoredDocument stored(String patientId, InputStream content, long size, String contentType,
                                  String fileName, DocumentGroup group, String title, LocalDate takenOn,
                                  String addedBy) {
        var hashed = new DigestInputStream(content, sha256());
        String ref = store.store(patientId, hashed);
        String name = title == null || title.isBlank() ? fileName : title.strip();
        return new StoredDocument(UUID.randomUUID().toString(), name, group, contentType, fileName, size,
                HexFormat.of().formatHex(hashed.getMessageDigest().digest()), ref, takenOn, Instant.now(), addedBy);
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ErrorResponseException problem(HttpStatus status, String code, String detail) {
        return Problems.error(status, ProblemTypes.of(code), detail);
    }
}
