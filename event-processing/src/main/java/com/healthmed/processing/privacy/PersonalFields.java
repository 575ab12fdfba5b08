package com.healthmed.processing.privacy;

import com.healthmed.schema.privacy.DataSubject;
import com.healthmed.schema.privacy.PersonalData;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a message type holds personal data, read once per class from its {@link DataSubject} and
 * {@link PersonalData} record components (JSON property names are the component names).
 *
 * @param subject  the component naming the person; null for a nested record
 * @param personal the components encrypted as a whole
 * @param nested   components whose own record type holds personal data
 */
record PersonalFields(String subject, List<String> personal, Map<String, PersonalFields> nested) {

    private static final ClassValue<Optional<PersonalFields>> OF_TYPE = new ClassValue<>() {
        @Override
        protected Optional<PersonalFields> computeValue(Class<?> type) {
            Optional<PersonalFields> fields = inside(type);
            return fields.filter(f -> f.subject() != null);
        }
    };

    /** The personal data of a message type that names its subject; empty for every other type. */
    static Optional<PersonalFields> of(Class<?> type) {
        return type == null ? Optional.empty() : OF_TYPE.get(type);
    }

    private static Optional<PersonalFields> inside(Class<?> type) {
        if (!type.isRecord()) {
            return Optional.empty();
        }
        String subject = null;
        List<String> personal = new java.util.ArrayList<>();
        Map<String, PersonalFields> nested = new LinkedHashMap<>();
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.isAnnotationPresent(DataSubject.class)) {
                subject = component.getName();
            } else if (component.isAnnotationPresent(PersonalData.class)) {
                personal.add(component.getName());
            } else if (component.getType() != type) {
                inside(component.getType()).ifPresent(inner -> nested.put(component.getName(), inner));
            }
        }
        if (personal.isEmpty() && nested.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PersonalFields(subject, List.copyOf(personal), Map.copyOf(nested)));
    }
}
