package com.healthmed.processing.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class AxonMeterFilterTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    AxonMeterFilterTest() {
        registry.config().meterFilter(new AxonMeterFilter());
    }

    @Test
    void eventProcessorsAreCountedPerGroupNotPerEventType() {
        Counter.builder("eventProcessor.successCounter").tags("processorName", "appointments", "payloadType", "SlotBookedEvent")
                .register(registry).increment();
        Counter.builder("eventProcessor.successCounter").tags("processorName", "appointments", "payloadType", "AppointmentRequestedEvent")
                .register(registry).increment();

        assertThat(registry.find("eventProcessor.successCounter").counters()).singleElement().satisfies(counter -> {
            assertThat(counter.getId().getTag("processorName")).isEqualTo("appointments");
            assertThat(counter.getId().getTag("payloadType")).isNull();
            assertThat(counter.count()).isEqualTo(2);
        });
    }

    @Test
    void commandsKeepTheirTypeButAxonsClientSidePercentilesAreDropped() {
        var timer = Timer.builder("commandBus.allTimer").tag("payloadType", "BookSlotCommand")
                .publishPercentiles(0.5, 0.95).register(registry);
        timer.record(Duration.ofMillis(3));

        assertThat(timer.getId().getTag("payloadType")).isEqualTo("BookSlotCommand");
        assertThat(timer.takeSnapshot().percentileValues()).isEmpty();
    }

    @Test
    void otherMetersAreLeftAlone() {
        var timer = Timer.builder("http.server.requests").tag("uri", "/api/v1/appointments")
                .publishPercentiles(0.5).register(registry);
        timer.record(Duration.ofMillis(3));

        assertThat(timer.takeSnapshot().percentileValues()).hasSize(1);
    }
}
