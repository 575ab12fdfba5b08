package com.healthmed.processing.serialization;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.healthmed.schema.shared.MessageJson;
import org.axonframework.springboot.autoconfig.ObjectMapperAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The mapper of Axon's Jackson serializer ({@code axon.serializer.*=jackson}), which Axon looks up by this bean
 * name. Without it Axon would fall back to a bare ObjectMapper (dates as numbers, unknown fields fatal), since
 * Spring Boot 4 no longer defines a Jackson 2 ObjectMapper.
 */
@AutoConfiguration(before = ObjectMapperAutoConfiguration.class)
public class MessageJsonConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "defaultAxonObjectMapper")
    ObjectMapper defaultAxonObjectMapper() {
        return MessageJson.mapper();
    }
}
