package com.healthmed.schema.integration;

import com.fasterxml.jackson.databind.JsonNode;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares the JSON shape of an integration record (derived by reflection, the way Jackson writes it) with a
 * JSON Schema, and a schema with the schema it replaces. Answers the incompatibilities found, empty if none.
 */
final class SchemaCompatibility {

    private SchemaCompatibility() {
    }

    /** Every record component must be a property of the schema with the same JSON type, and the other way round. */
    static List<String> recordAgainstSchema(Class<? extends Record> type, JsonNode schema) {
        var problems = new ArrayList<String>();
        JsonNode properties = schema.path("properties");
        Set<String> components = new TreeSet<>();
        for (RecordComponent component : type.getRecordComponents()) {
            String name = component.getName();
            components.add(name);
            JsonNode property = properties.get(name);
            if (property == null) {
                problems.add(name + ": in the record, not in the schema");
                continue;
            }
            String recordType = jsonType(component.getGenericType());
            if (!jsonTypes(property).contains(recordType)) {
                problems.add(name + ": the record writes " + recordType + ", the schema says " + jsonTypes(property));
            } else if (recordType.equals("array")) {
                String items = jsonType(((ParameterizedType) component.getGenericType()).getActualTypeArguments()[0]);
                if (!jsonTypes(property.path("items")).contains(items)) {
                    problems.add(name + ": items are " + items + " in the record, " + jsonTypes(property.path("items"))
                            + " in the schema");
                }
            }
        }
        properties.fieldNames().forEachRemaining(name -> {
            if (!components.contains(name)) {
                problems.add(name + ": in the schema, missing from the record");
            }
        });
        return problems;
    }

    /**
     * A schema may only grow compatibly with the one already published under the same topic: every published
     * property stays, with the same types, and what was required stays required.
     */
    static List<String> schemaAgainstPublished(JsonNode current, JsonNode published) {
        var problems = new ArrayList<String>();
        published.path("properties").fields().forEachRemaining(entry -> {
            JsonNode now = current.path("properties").get(entry.getKey());
            if (now == null) {
                problems.add(entry.getKey() + ": removed from a published schema");
            } else if (!jsonTypes(now).equals(jsonTypes(entry.getValue()))) {
                problems.add(entry.getKey() + ": retyped from " + jsonTypes(entry.getValue()) + " to " + jsonTypes(now));
            }
        });
        published.path("required").forEach(required -> {
            if (!textValues(current.path("required")).contains(required.asText())) {
                problems.add(required.asText() + ": no longer required");
            }
        });
        return problems;
    }

    private static String jsonType(Type type) {
        if (type instanceof ParameterizedType parameterized
                && Collection.class.isAssignableFrom((Class<?>) parameterized.getRawType())) {
            return "array";
        }
        Class<?> raw = (Class<?>) type;
        if (raw == String.class || raw == Instant.class || raw.isEnum()) {
            return "string";
        }
        if (raw == int.class || raw == long.class || raw == Integer.class || raw == Long.class) {
            return "integer";
        }
        if (raw == BigDecimal.class || raw == double.class || raw == Double.class) {
            return "number";
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return "boolean";
        }
        throw new IllegalArgumentException("no JSON type known for " + type + ": extend SchemaCompatibility");
    }

    /** The non-null types a schema property allows ({@code "type": "x"} or {@code ["x", "null"]}). */
    private static Set<String> jsonTypes(JsonNode property) {
        Set<String> types = new TreeSet<>(textValues(property.path("type")));
        if (property.path("type").isTextual()) {
            types.add(property.path("type").asText());
        }
        types.remove("null");
        return types;
    }

    private static Set<String> textValues(JsonNode array) {
        Set<String> values = new TreeSet<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
