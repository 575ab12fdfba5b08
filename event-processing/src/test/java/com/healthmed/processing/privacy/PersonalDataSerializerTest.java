package com.healthmed.processing.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.healthmed.schema.patient.PatientRegisteredEvent;
import com.healthmed.schema.record.DocumentAddedEvent;
import com.healthmed.schema.record.DocumentGroup;
import com.healthmed.schema.record.StoredDocument;
import com.healthmed.schema.shared.GeoPoint;
import com.healthmed.schema.shared.MessageJson;
import com.healthmed.schema.shared.Uf;
import com.healthmed.schema.privacy.Envelope;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PersonalDataSerializerTest {

    private static final PatientRegisteredEvent MARIA = new PatientRegisteredEvent("p-1", "Maria Souza",
            "52998224725", "maria@example.org", "+5511987654321", LocalDate.of(1990, 5, 17), "São Paulo", Uf.SP,
            new GeoPoint(-23.55, -46.63));

    private final JacksonSerializer plain = JacksonSerializer.builder().objectMapper(MessageJson.mapper()).build();
    private final InMemoryKeys keys = new InMemoryKeys();
    private final PersonalDataSerializer serializer = new PersonalDataSerializer(plain, keys);

    @Test
    void storesPersonalFieldsEncryptedAndReadsThemBack() {
        SerializedObject<byte[]> stored = serializer.serialize(MARIA, byte[].class);
        String raw = new String(stored.getData(), StandardCharsets.UTF_8);

        assertThat(raw).doesNotContain("Maria", "52998224725", "maria@example.org", "987654321", "1990", "-46.63")
                .contains("\"patientId\":\"p-1\"", "São Paulo", PersonalDataSerializer.PREFIX);
        assertThat(stored.getType().getName()).isEqualTo(PatientRegisteredEvent.class.getName());
        assertThat(stored.getType().getRevision()).isEqualTo("1");
        assertThat((Object) serializer.deserialize(stored)).isEqualTo(MARIA);
    }

    @Test
    void aValueMovedToAnotherSubjectsEventFailsItsTagCheck() throws Exception {
        keys.forWriting("p-2");
        ObjectNode tree = (ObjectNode) MessageJson.mapper().readTree(serializer.serialize(MARIA, byte[].class).getData());
        tree.put("patientId", "p-2");

        assertThatThrownBy(() -> serializer.deserialize(asStored(tree))).hasMessageContaining("decryption failed");
    }

    @Test
    void afterTheKeyIsDestroyedPersonalFieldsReadAsNullAndTheRestStays() {
        SerializedObject<byte[]> stored = serializer.serialize(MARIA, byte[].class);
        byte[] before = stored.getData().clone();
        keys.destroy("p-1");

        PatientRegisteredEvent erased = serializer.deserialize(stored);

        assertThat(erased).isEqualTo(new PatientRegisteredEvent("p-1", null, null, null, null, null, "São Paulo",
                Uf.SP, null));
        assertThat(stored.getData()).as("reading never rewrites what is stored").isEqualTo(before);
        assertThatThrownBy(() -> serializer.serialize(MARIA, byte[].class))
                .isInstanceOf(PersonalDataKeys.SubjectErasedException.class);
    }

    @Test
    void payloadsStoredBeforeEncryptionAreReadAsTheyAre() {
        SerializedObject<byte[]> legacy = plain.serialize(MARIA, byte[].class);
        assertThat(new String(legacy.getData(), StandardCharsets.UTF_8)).contains("Maria Souza");

        assertThat((Object) serializer.deserialize(legacy)).isEqualTo(MARIA);
        keys.destroy("p-1");
        assertThat((Object) serializer.deserialize(legacy)).as("erasure cannot reach plain old payloads").isEqualTo(MARIA);
    }

    @Test
    void nestedPersonalFieldsAreEncryptedUnderTheEnclosingSubject() {
        var document = new StoredDocument("d-1", "Exame de Maria Souza", DocumentGroup.EXAMS, "application/pdf",
                "maria-souza.pdf", 10, "abc", "ref-1", null, Instant.parse("2026-11-24T04:00:00Z"), "p-1");
        var added = new DocumentAddedEvent("p-1", document);

        SerializedObject<String> stored = serializer.serialize(added, String.class);

        assertThat(stored.getData()).doesNotContain("Maria", "maria").contains("ref-1", "application/pdf");
        assertThat((Object) serializer.deserialize(stored)).isEqualTo(added);
        keys.destroy("p-1");
        DocumentAddedEvent erased = serializer.deserialize(stored);
        assertThat(erased.document().title()).isNull();
        assertThat(erased.document().fileName()).isNull();
        assertThat(erased.document().storageRef()).isEqualTo("ref-1");
    }

    @Test
    void messagesWithoutPersonalDataPassThroughUnchanged() {
        var plainMessage = new com.healthmed.schema.patient.PatientErasedEvent("p-1", Instant.EPOCH, "ADMIN");
        assertThat(serializer.serialize(plainMessage, String.class).getData())
                .isEqualTo(plain.serialize(plainMessage, String.class).getData());
    }

    private static SerializedObject<JsonNode> asStored(JsonNode tree) {
        return new SimpleSerializedObject<>(tree, JsonNode.class, PatientRegisteredEvent.class.getName(), "1");
    }

    /** Keys in a map: the JDBC store has its own test. */
    static final class InMemoryKeys implements PersonalDataKeys {
        private final Map<String, Optional<SecretKey>> keys = new HashMap<>();

        @Override
        public SecretKey forWriting(String subject) {
            return keys.computeIfAbsent(subject, s -> Optional.of(Envelope.newKey()))
                    .orElseThrow(() -> new SubjectErasedException(subject));
        }

        @Override
        public Optional<SecretKey> forReading(String subject) {
            return keys.getOrDefault(subject, Optional.empty());
        }

        @Override
        public void destroy(String subject) {
            keys.put(subject, Optional.empty());
        }
    }
}
