package com.healthmed.processing.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.healthmed.schema.privacy.Envelope;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;

import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Axon's event serializer with crypto-shredding: the {@code @PersonalData} components of a message type that
 * names its {@code @DataSubject} are stored as {@value #PREFIX}{@code base64(iv ‖ AES-GCM(json))} under the
 * subject's key, the subject id as additional authenticated data. Reading decrypts them again, so aggregates,
 * projections and the audit API see plain values; once the key is destroyed they read as JSON null (never an
 * error, so replays and the audit stream go on). Values stored before encryption existed (no prefix) are read as
 * they are. Upcasters run before this and see the encrypted strings: they may move them, not read them.
 */
public class PersonalDataSerializer implements Serializer {

    static final String PREFIX = "pd1:";

    private final Serializer delegate;
    private final PersonalDataKeys keys;
    private final ObjectMapper json = new ObjectMapper();

    public PersonalDataSerializer(Serializer delegate, PersonalDataKeys keys) {
        this.delegate = delegate;
        this.keys = keys;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        Optional<PersonalFields> fields = PersonalFields.of(object == null ? null : object.getClass());
        if (fields.isEmpty()) {
            return delegate.serialize(object, expectedRepresentation);
        }
        SerializedObject<JsonNode> tree = delegate.serialize(object, JsonNode.class);
        ObjectNode payload = (ObjectNode) tree.getData();
        String subject = subjectOf(payload, fields.get());
        if (subject == null) {
            throw new IllegalStateException(object.getClass().getName() + " carries personal data but names no subject");
        }
        SecretKey key = keys.forWriting(subject);
        transform(payload, fields.get(), value -> encrypt(key, subject, value));
        T data = getConverter().convert(payload, JsonNode.class, expectedRepresentation);
        return new SimpleSerializedObject<>(data, expectedRepresentation, tree.getType());
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        Optional<PersonalFields> fields = personalFieldsOf(serializedObject.getType());
        if (fields.isEmpty()) {
            return delegate.deserialize(serializedObject);
        }
        JsonNode tree = getConverter().convert(serializedObject.getData(), serializedObject.getContentType(), JsonNode.class);
        if (!(tree instanceof ObjectNode original)) {
            return delegate.deserialize(serializedObject);
        }
        ObjectNode payload = original.deepCopy(); // the data may be an upcaster's cached tree: leave it as it was
        String subject = subjectOf(payload, fields.get());
        if (subject != null) {
            Optional<SecretKey>[] key = new Optional[1];
            transform(payload, fields.get(), value -> {
                if (!isEncrypted(value)) {
                    return value; // stored before encryption existed
                }
                if (key[0] == null) {
                    key[0] = keys.forReading(subject);
                }
                return key[0].map(k -> decrypt(k, subject, value.textValue())).orElse(NullNode.getInstance());
            });
        }
        return delegate.deserialize(new SimpleSerializedObject<>(payload, JsonNode.class, serializedObject.getType()));
    }

    private Optional<PersonalFields> personalFieldsOf(SerializedType type) {
        try {
            return PersonalFields.of(classForType(type));
        } catch (RuntimeException unknownType) {
            return Optional.empty();
        }
    }

    private static String subjectOf(ObjectNode payload, PersonalFields fields) {
        JsonNode subject = payload.get(fields.subject());
        return subject == null || !subject.isTextual() ? null : subject.textValue();
    }

    private static void transform(ObjectNode node, PersonalFields fields, java.util.function.UnaryOperator<JsonNode> change) {
        for (String name : fields.personal()) {
            JsonNode value = node.get(name);
            if (value != null && !value.isNull()) {
                node.set(name, change.apply(value));
            }
        }
        for (Map.Entry<String, PersonalFields> inner : fields.nested().entrySet()) {
            if (node.get(inner.getKey()) instanceof ObjectNode child) {
                transform(child, inner.getValue(), change);
            }
        }
    }

    static boolean isEncrypted(JsonNode value) {
        return value.isTextual() && value.textValue().startsWith(PREFIX);
    }

    private JsonNode encrypt(SecretKey key, String subject, JsonNode value) {
        byte[] sealed = Envelope.seal(key, subject, value.toString().getBytes(StandardCharsets.UTF_8));
        return TextNode.valueOf(PREFIX + Base64.getEncoder().encodeToString(sealed));
    }

    /** A wrong subject or key fails the tag check: tampering is an error, unlike erasure. */
    private JsonNode decrypt(SecretKey key, String subject, String value) {
        byte[] plain = Envelope.open(key, subject, Base64.getDecoder().decode(value.substring(PREFIX.length())));
        try {
            return json.readTree(plain);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("decrypted personal data is not JSON", e);
        }
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    public Class classForType(SerializedType type) {
        return delegate.classForType(type);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }
}
