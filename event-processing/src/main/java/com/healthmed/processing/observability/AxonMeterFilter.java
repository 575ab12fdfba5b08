package com.healthmed.processing.observability;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

import java.util.List;

/**
 * Keeps Axon's message monitors to a scrape Prometheus can take every few seconds. Event processors are measured per
 * processing group, not per group and event type: every processor sees every event (most of them ignored), so the
 * pairs would multiply into thousands of series. And Axon's client-side percentiles (not aggregatable over instances)
 * are dropped in favour of the histogram buckets set in {@code management.metrics.distribution.slo}.
 */
public class AxonMeterFilter implements MeterFilter {

    private static final String PAYLOAD_TYPE = "payloadType";
    private static final List<String> AXON_MONITORS = List.of("commandBus.", "eventProcessor.", "eventBus.", "eventStore.", "queryBus.",
            "queryUpdateEmitter.");

    @Override
    public Meter.Id map(Meter.Id id) {
        if (!id.getName().startsWith("eventProcessor.") || id.getTag(PAYLOAD_TYPE) == null) {
            return id;
        }
        List<Tag> kept = id.getTags().stream().filter(tag -> !PAYLOAD_TYPE.equals(tag.getKey())).toList();
        return id.replaceTags(kept);
    }

    @Override
    public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (AXON_MONITORS.stream().noneMatch(id.getName()::startsWith)) {
            return config;
        }
        return DistributionStatisticConfig.builder().percentiles(new double[0]).build().merge(config);
    }
}
