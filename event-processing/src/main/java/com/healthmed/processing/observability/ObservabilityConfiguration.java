package com.healthmed.processing.observability;

import com.healthmed.processing.replay.ProjectionAdministration;
import com.healthmed.processing.replay.ReplayConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryMessage;
import org.axonframework.tracing.SpanFactory;
import org.axonframework.tracing.opentelemetry.OpenTelemetrySpanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * What the command side and the query side add to Axon's own metrics and traces: processor position, lag and
 * dead-letter gauges per processing group, the correlation id in the logging MDC while a message is handled, and
 * Axon's OpenTelemetry spans on the tracer Spring Boot configures (so they join the HTTP request's trace and are
 * exported with it).
 */
@AutoConfiguration(after = ReplayConfiguration.class,
        before = {org.axonframework.springboot.autoconfig.OpenTelemetryAutoConfiguration.class,
                org.axonframework.springboot.autoconfig.AxonTracingAutoConfiguration.class},
        afterName = {"org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
public class ObservabilityConfiguration {

    @Bean
    ConfigurerModule correlationIdInEventHandlerLogs() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultHandlerInterceptor((configuration, group) -> new CorrelationIdLogging<>());
    }

    @Bean
    SmartInitializingSingleton correlationIdInCommandAndQueryHandlerLogs(ObjectProvider<CommandBus> commandBus,
                                                                        ObjectProvider<QueryBus> queryBus) {
        return () -> {
            commandBus.ifAvailable(bus -> bus.registerHandlerInterceptor(new CorrelationIdLogging<CommandMessage<?>>()));
            queryBus.ifAvailable(bus -> bus.registerHandlerInterceptor(new CorrelationIdLogging<QueryMessage<?, ?>>()));
        };
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class Metrics {

        @Bean
        @ConditionalOnBean({ProjectionAdministration.class, MeterRegistry.class})
        ProcessingMetrics processingMetrics(ProjectionAdministration administration, MeterRegistry registry) {
            return new ProcessingMetrics(administration, registry, Clock.systemUTC());
        }

        @Bean
        AxonMeterFilter axonMeterFilter() {
            return new AxonMeterFilter();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({OpenTelemetrySpanFactory.class, OpenTelemetry.class})
    static class Tracing {

        /** Axon's default factory would use {@code GlobalOpenTelemetry}, which Spring Boot leaves unset. */
        @Bean
        @ConditionalOnMissingBean(SpanFactory.class)
        @ConditionalOnBean(OpenTelemetry.class)
        SpanFactory axonSpanFactory(OpenTelemetry openTelemetry) {
            return OpenTelemetrySpanFactory.builder()
                    .tracer(openTelemetry.getTracer("AxonFramework-OpenTelemetry"))
                    .contextPropagators(openTelemetry.getPropagators().getTextMapPropagator())
                    .build();
        }
    }
}
