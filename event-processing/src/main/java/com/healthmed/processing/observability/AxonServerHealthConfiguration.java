package com.healthmed.processing.observability;

import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code axonServer} health component of the distributed services' readiness group. Axon 4.13 ships one built on
 * Spring Boot 3's health classes, which Spring Boot 4 no longer has, so without this the component would be missing
 * (and Spring Boot refuses to start with a health group naming a component that does not exist).
 */
@AutoConfiguration
@ConditionalOnClass({AxonServerConnectionManager.class, HealthIndicator.class})
@ConditionalOnProperty(name = "axon.axonserver.enabled", matchIfMissing = true)
public class AxonServerHealthConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "axonServerHealthIndicator")
    HealthIndicator axonServerHealthIndicator(AxonServerConnectionManager connections,
                                              AxonServerConfiguration configuration) {
        return new AxonServerConnection(connections, configuration.getContext());
    }

    /** Up while the connector holds a connection to the service's context. */
    static final class AxonServerConnection extends AbstractHealthIndicator {

        private final AxonServerConnectionManager connections;
        private final String context;

        AxonServerConnection(AxonServerConnectionManager connections, String context) {
            super("Axon Server health check failed");
            this.connections = connections;
            this.context = context;
        }

        @Override
        protected void doHealthCheck(Health.Builder health) {
            (connections.isConnected(context) ? health.up() : health.down()).withDetail("context", context);
        }
    }
}
