package com.healthmed.schema.shared;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;

/**
 * The JSON form of every message Axon serializes: stored events, snapshots, tokens, and commands and queries
 * between the services. It is the form Spring Boot 3's shared ObjectMapper produced (ISO-8601 dates, unknown
 * fields ignored), now owned here: Spring Boot 4's own mapper is Jackson 3 with other defaults, and stored
 * events must keep one format whatever the framework's default is.
 */
public final class MessageJson {

    private MessageJson() {
    }

    /** A new mapper (mutable: each caller gets its own). */
    public static ObjectMapper mapper() {
        return JsonMapper.builder()
                .addModules(new Jdk8Module(), new JavaTimeModule(), new ParameterNamesModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(MapperFeature.DEFAULT_VIEW_INCLUSION)
                .build();
    }
}
