package com.healthmed.processing.wiring;

import org.springframework.boot.autoconfigure.AutoConfiguration;

/**
 * No beans, only an order: Spring Boot's meter registries first, then Axon's Micrometer auto-configuration, which
 * registers Axon's command bus and event processor metrics only if a registry exists. Axon 4.13 orders itself after
 * Spring Boot 3's class names, which moved in Spring Boot 4 (the same gap as {@link AxonAfterSpringJdbc}).
 * Names, not classes: a service without Micrometer on its class path skips this order.
 * {@code ObservabilityIT} checks that Axon's command bus series are scraped.
 */
@AutoConfiguration(
        afterName = {"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"},
        beforeName = "org.axonframework.springboot.autoconfig.MicrometerMetricsAutoConfiguration")
public class AxonAfterSpringMetrics {
}
