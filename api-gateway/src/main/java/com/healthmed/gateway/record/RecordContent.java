package com.healthmed.gateway.record;

import com.healthmed.schema.record.StoredDocument;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Streams a decrypted document with its type and a safe download name. */
final class RecordContent {

    private RecordContent() {
    }

    static ResponseEntity<StreamingResponseBody> of(StoredDocument document, InputStream plaintext) {
        StreamingResponseBody body = out -> {
            try (plaintext) {
                plaintext.transferTo(out);
            }
        };
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(document.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(document.fileName(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(body);
    }
}
