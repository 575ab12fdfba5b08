package com.healthmed.gateway.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.healthmed.schema.shared.MessageJson;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Commands and queries leave the gateway in the same JSON form the other services read and store
 * ({@link MessageJson}); Axon's Jackson serializer looks the mapper up by this bean name. HTTP bodies are
 * Spring Boot's own (Jackson 3) business, not this mapper's.
 */
@Configuration(proxyBeanMethods = false)
class MessageJsonConfiguration {

    @Bean
    ObjectMapper defaultAxonObjectMapper() {
        return MessageJson.mapper();
    }
}
