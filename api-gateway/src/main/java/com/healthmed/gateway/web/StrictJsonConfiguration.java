package com.healthmed.gateway.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.ConstructorDetector;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request bodies with fields we do not know are refused (a typo must not be silently ignored). Only the
 * HTTP edge is strict: Spring Boot's shared JsonMapper stays as it is (stored events and Axon messages have
 * their own mapper, see {@code MessageJson}). UFs and other enums are accepted in any case ({@code "sp"}).
 * A key given twice is refused: which of the two values counts would otherwise depend on the parser. Records
 * are always bound from properties, also when they have a single component (otherwise Jackson may take a JSON
 * array for the record's delegate and fail with a 500).
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfiguration implements WebMvcConfigurer {

    private final JsonMapper json;

    StrictJsonConfiguration(JsonMapper json) {
        this.json = json;
    }

    /** Server side only: the RestClient that reads Keycloak keeps the lenient converters. */
    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder converters) {
        converters.withJsonConverter(new JacksonJsonHttpMessageConverter(strict(json)));
    }

    static JsonMapper strict(JsonMapper mapper) {
        return mapper.rebuild()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .constructorDetector(ConstructorDetector.USE_PROPERTIES_BASED)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .build();
    }
}
