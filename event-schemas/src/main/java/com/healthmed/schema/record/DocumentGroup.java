package com.healthmed.schema.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** The groups of a health record; in JSON the lower-case name, e.g. {@code "exams"}. */
public enum DocumentGroup {
    EXAMS, REPORTS, PRESCRIPTIONS, IMAGING, OTHER;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static DocumentGroup of(String name) {
        return valueOf(name.strip().toUpperCase(Locale.ROOT));
    }
}
