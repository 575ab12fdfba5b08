package com.healthmed.gateway.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import org.axonframework.tracing.SpanFactory;
import org.axonframework.tracing.opentelemetry.OpenTelemetrySpanFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Booking outcome metrics, and Axon's spans on the OpenTelemetry that Spring Boot configures. */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {

    @Bean
    FilterRegistrationBean<BookingOutcomeMetrics> bookingOutcomeMetrics(MeterRegistry registry) {
        var registration = new FilterRegistrationBean<>(new BookingOutcomeMetrics(registry));
        registration.addUrlPatterns("/api/v1/appointments");
        // outside the security filters, so refused tokens (401/403) are counted too
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /**
     * Axon's default span factory would use {@code GlobalOpenTelemetry}, which Spring Boot leaves unset; on Boot's
     * instance, command and query dispatch spans join the HTTP request's trace and carry it on in the messages'
     * metadata ({@code traceparent}) to the handlers.
     */
    @Bean
    SpanFactory axonSpanFactory(OpenTelemetry openTelemetry) {
        return OpenTelemetrySpanFactory.builder()
                .tracer(openTelemetry.getTracer("AxonFramework-OpenTelemetry"))
                .contextPropagators(openTelemetry.getPropagators().getTextMapPropagator())
                .build();
    }
}
