package com.healthmed.gateway.record;

import com.healthmed.schema.record.DocumentGroup;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockMultipartFile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class DocumentUploadsStreamingTest {

    /** An upload part that may be read as a stream only: asking for all its bytes at once fails the test. */
    private static final class StreamOnlyFile extends MockMultipartFile {
        StreamOnlyFile(byte[] content) {
            super("file", "exame.pdf", "application/pdf", content);
        }

        @Override
        public byte[] getBytes() {
            throw new AssertionError("the upload was read whole into memory");
        }
    }

    @Test
    void anUploadIsStreamedIntoTheStoreAndHashedOnTheWay() throws IOException {
        byte[] pdf = new byte[3 * 1024 * 1024];
        Arrays.fill(pdf, (byte) 'x');
        System.arraycopy("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), 0, pdf, 0, 9);
        var store = mock(EncryptedDocumentStore.class);
        var received = new ByteArrayOutputStream();
        when(store.store(eq("patient-1"), any(InputStream.class))).thenAnswer(call -> {
            call.getArgument(1, InputStream.class).transferTo(received);
            return "ref-1";
        });

        var stored = new DocumentUploads(store).accept("patient-1", new StreamOnlyFile(pdf), DocumentGroup.EXAMS,
                null, null, "patient-1");

        assertThat(received.toByteArray()).isEqualTo(pdf);
        assertThat(stored.size()).isEqualTo(pdf.length);
        assertThat(stored.sha256()).isEqualTo(DocumentUploads.sha256(pdf));
        assertThat(stored.storageRef()).isEqualTo("ref-1");
        assertThat(stored.contentType()).isEqualTo("application/pdf");
    }
}
