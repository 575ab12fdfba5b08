package com.healthmed.gateway.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.ConstructorDetector;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/**
 * Request bodies with fields we do not know are refused (a typo must not be silently ignored). Only the
 * HTTP edge is strict: the shared ObjectMapper, which Axon also uses for stored events, stays lenient.
 * UFs and other enums are accepted in any case ({@code "sp"}). A key given twice is refused: which of the two
 * values counts would otherwise depend on the parser. Records are always bound from properties, also when they
 * have a single component (otherwise Jackson may take a JSON array for the record's delegate and fail with a 500).
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfiguration implements WebMvcConfigurer {

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        // replace, never mutate: the converter instances are shared with the RestClient that reads Keycloak
        converters.replaceAll(converter -> converter instanceof MappingJackson2HttpMessageConverter jackson
                ? new MappingJackson2HttpMessageConverter(strict(jackson.getObjectMapper()))
                : converter);
    }

    static ObjectMapper strict(ObjectMapper mapper) {
        ObjectMapper strict = mapper.copy();
        strict.getFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return strict.setConstructorDetector(ConstructorDetector.USE_PROPERTIES_BASED)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS);
    }
}
