package com.healthmed.processing.observability;

import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class AxonServerHealthConfigurationTest {

    private final AxonServerConnectionManager connections = mock(AxonServerConnectionManager.class);
    private final ApplicationContextRunner distributedService = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AxonServerHealthConfiguration.class))
            .withBean(AxonServerConnectionManager.class, () -> connections)
            .withBean(AxonServerConfiguration.class, () -> {
                AxonServerConfiguration configuration = new AxonServerConfiguration();
                configuration.setContext("healthmed");
                return configuration;
            });

    @Test
    void theAxonServerComponentFollowsTheConnectionToTheContext() {
        distributedService.run(context -> {
            // the bean name makes the component "axonServer", the name the readiness groups use
            HealthIndicator indicator = context.getBean("axonServerHealthIndicator", HealthIndicator.class);

            when(connections.isConnected("healthmed")).thenReturn(false);
            assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(indicator.health().getDetails()).containsEntry("context", "healthmed");

            when(connections.isConnected("healthmed")).thenReturn(true);
            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
        });
    }

    @Test
    void noComponentWhenAxonServerIsOff() {
        distributedService.withPropertyValues("axon.axonserver.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("axonServerHealthIndicator"));
    }
}
