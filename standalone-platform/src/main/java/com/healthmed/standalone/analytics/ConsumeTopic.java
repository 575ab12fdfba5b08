package com.healthmed.standalone.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./healthmed consume <topic> [--from-beginning] [--bootstrap host:port]}: prints each record of a topic as
 * one JSON line (topic, partition, offset, key, headers, value), so analysts can look at the stream without Kafka's
 * tools. Reads every partition without a consumer group, so it never moves anyone's committed offsets. Runs until
 * Ctrl-C. The bootstrap address defaults to {@code HEALTHMED_KAFKA_BOOTSTRAP}, else the standalone broker.
 */
public final class ConsumeTopic {

    static final String STANDALONE_BOOTSTRAP = "127.0.0.1:19092";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConsumeTopic() {
    }

    public static void main(String[] args) throws InterruptedException {
        String topic = null;
        boolean fromBeginning = false;
        String bootstrap = System.getenv().getOrDefault("HEALTHMED_KAFKA_BOOTSTRAP", STANDALONE_BOOTSTRAP);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--from-beginning" -> fromBeginning = true;
                case "--bootstrap" -> bootstrap = args[++i];
                default -> topic = args[i];
            }
        }
        if (topic == null) {
            System.err.println("usage: ./healthmed consume <topic> [--from-beginning] [--bootstrap host:port]\n"
                    + "topics: healthmed.appointments.v1, healthmed.doctor-ratings.v1");
            System.exit(2);
        }
        var config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        var consumer = new KafkaConsumer<String, String>(config);
        var finished = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            consumer.wakeup();  // makes the blocked poll throw, so the loop below closes the consumer
            try {
                finished.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "consume-stop"));
        try (consumer) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            while (true) {
                for (var record : consumer.poll(Duration.ofSeconds(1))) {
                    System.out.println(line(record));
                }
                System.out.flush();
            }
        } catch (WakeupException stopped) {
            // Ctrl-C
        } finally {
            finished.countDown();
        }
    }

    static String line(ConsumerRecord<String, String> record) {
        ObjectNode line = JSON.createObjectNode()
                .put("topic", record.topic())
                .put("partition", record.partition())
                .put("offset", record.offset())
                .put("key", record.key());
        ObjectNode headers = line.putObject("headers");
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        line.set("value", value(record.value()));
        return line.toString();
    }

    /** The value as JSON when it is JSON (it always should be), else as a string. */
    private static JsonNode value(String raw) {
        if (raw == null) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(raw);
        } catch (Exception notJson) {
            return JSON.getNodeFactory().textNode(raw);
        }
    }
}
