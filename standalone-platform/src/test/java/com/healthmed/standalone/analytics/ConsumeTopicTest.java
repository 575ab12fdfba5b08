package com.healthmed.standalone.analytics;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ConsumeTopicTest {

    @Test
    void printsARecordAsOneJsonLineWithItsHeadersAndTheValueAsJson() throws Exception {
        var record = new ConsumerRecord<>("healthmed.appointments.v1", 2, 17L, "doctor-1",
                "{\"status\":\"REQUESTED\",\"price\":250.00}");
        record.headers().add(new RecordHeader("ce_id", "event-1".getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8)));

        String line = ConsumeTopic.line(record);

        assertThat(line).doesNotContain("\n");
        var json = new ObjectMapper().readTree(line);
        assertThat(json.path("topic").asText()).isEqualTo("healthmed.appointments.v1");
        assertThat(json.path("partition").asInt()).isEqualTo(2);
        assertThat(json.path("offset").asLong()).isEqualTo(17);
        assertThat(json.path("key").asText()).isEqualTo("doctor-1");
        assertThat(json.path("headers").path("ce_id").asText()).isEqualTo("event-1");
        assertThat(json.path("headers").path("ce_specversion").asText()).isEqualTo("1.0");
        assertThat(json.path("value").path("status").asText()).isEqualTo("REQUESTED");
        assertThat(json.path("value").path("price").decimalValue()).isEqualByComparingTo("250.00");
    }

    @Test
    void keepsAValueThatIsNotJsonAsText() throws Exception {
        var record = new ConsumerRecord<>("t", 0, 0L, "k", "not json {");

        assertThat(new ObjectMapper().readTree(ConsumeTopic.line(record)).path("value").asText()).isEqualTo("not json {");
    }
}
