package com.healthmed.standalone;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real Kafka broker in KRaft mode, in process, for the integration events analysts consume. Its log
 * lives in a temporary folder: integration events are derived from the event store and can be republished.
 */
final class EmbeddedKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final EmbeddedKafkaKraftBroker broker;

    private EmbeddedKafka(EmbeddedKafkaKraftBroker broker) {
        this.broker = broker;
    }

    static EmbeddedKafka start(int port) {
        var broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.kafkaPorts(port);
        broker.brokerProperty("auto.create.topics.enable", "true");
        broker.afterPropertiesSet();
        log.info("Kafka (KRaft) listening on {}", broker.getBrokersAsString());
        return new EmbeddedKafka(broker);
    }

    String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    @Override
    public void close() {
        broker.destroy();
    }
}
