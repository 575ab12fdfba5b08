package com.healthmed.query.analytics;

import com.healthmed.schema.integration.IntegrationTopic;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

import java.util.Map;

/**
 * Kafka producer and topics of the analysts' stream, and the publisher's sequencing: events are ordered per
 * doctor (the record key), so a failing event parks only its doctor's later events in the dead-letter queue.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AnalyticsProperties.class)
class AnalyticsConfiguration {

    @Bean
    ProducerFactory<String, String> analyticsProducerFactory(KafkaProperties kafka) {
        Map<String, Object> config = kafka.buildProducerProperties();
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        // at least once, without duplicates from the producer's own retries, in order per partition
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        return new DefaultKafkaProducerFactory<>(config);
    }

    @Bean
    KafkaTemplate<String, String> analyticsKafkaTemplate(ProducerFactory<String, String> analyticsProducerFactory) {
        return new KafkaTemplate<>(analyticsProducerFactory);
    }

    @Bean
    KafkaAdmin.NewTopics analyticsTopics(AnalyticsProperties properties) {
        return new KafkaAdmin.NewTopics(java.util.Arrays.stream(IntegrationTopic.values())
                .map(topic -> new NewTopic(topic.topicName(), properties.partitions(), (short) 1))
                .toArray(NewTopic[]::new));
    }

    @Bean
    PatientPseudonyms patientPseudonyms(AnalyticsProperties properties) {
        return new PatientPseudonyms(properties.pseudonymKey());
    }
}
