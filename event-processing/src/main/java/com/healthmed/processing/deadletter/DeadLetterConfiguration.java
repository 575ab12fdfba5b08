package com.healthmed.processing.deadletter;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configurer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.axonframework.springboot.util.DeadLetterQueueProviderConfigurerModule;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import javax.sql.DataSource;

/**
 * Gives every processing group of the service (projections, the appointment process, schedule provisioning,
 * notifications, ...) a sequenced dead-letter queue in PostgreSQL. Axon's default would log a failing event
 * handler and skip the event for good; with these queues the failing event is parked, later events of the same
 * sequence (aggregate) wait behind it, other sequences go on, and nothing is lost. Parked events are retried
 * automatically ({@link DeadLetterRetrier}) and can be listed and retried by an admin
 * ({@link DeadLetterAdministration}).
 *
 * <p>Registered before Axon's own JDBC auto-configuration, whose module would only cover the groups named one by
 * one in properties.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class, before = JdbcAutoConfiguration.class)
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(DeadLetterProperties.class)
public class DeadLetterConfiguration {

    /** How often a parked event has failed, kept in its diagnostics so admins see it. */
    static final String ATTEMPTS = "attempts";

    @Bean
    DeadLetterQueueProviderConfigurerModule deadLettersForEveryProcessingGroup(
            EventProcessorProperties properties, ConnectionProvider connections, TransactionManager transactions,
            @Qualifier("eventSerializer") Serializer eventSerializer, Serializer serializer) {
        return new EveryProcessingGroup(properties, group -> configuration -> JdbcSequencedDeadLetterQueue.builder()
                .processingGroup(group)
                .connectionProvider(connections)
                .transactionManager(transactions)
                .schema(DeadLetterSchema.defaultSchema())
                .genericSerializer(serializer)
                .eventSerializer(eventSerializer)
                // a sequence being retried is claimed for this long; short, so a retry soon after a failed one runs
                .claimDuration(java.time.Duration.ofSeconds(10))
                .build());
    }

    @Bean
    SmartInitializingSingleton deadLetterTable(DataSource dataSource) {
        return () -> DeadLetterTable.createIfMissing(dataSource);
    }

    @Bean
    DeadLetterAdministration deadLetterAdministration(EventProcessingConfiguration processing) {
        return new DeadLetterAdministration(processing);
    }

    @Bean
    DeadLetterRetrier deadLetterRetrier(DeadLetterAdministration administration, DeadLetterProperties properties) {
        return new DeadLetterRetrier(administration, properties.retryInterval());
    }

    /** Counts failed attempts: a letter that fails again goes back to its place in the queue, one attempt more. */
    static EnqueuePolicy<EventMessage<?>> countingRetries() {
        return (letter, cause) -> Decisions.enqueue(cause, parked -> parked.diagnostics()
                .and(ATTEMPTS, attemptsOf(parked.diagnostics().get(ATTEMPTS)) + 1));
    }

    static int attemptsOf(Object stored) {
        return stored instanceof Number number ? number.intValue()
                : stored == null ? 0 : Integer.parseInt(stored.toString());
    }

    /**
     * Axon's module, extended to every processing group: a queue for each, an attempt-counting policy, and the
     * invoker's cache of parked sequences, so that an event whose sequence is not parked costs no query.
     */
    private static final class EveryProcessingGroup extends DeadLetterQueueProviderConfigurerModule {

        private final java.util.function.Function<String, java.util.function.Function<org.axonframework.config.Configuration,
                org.axonframework.messaging.deadletter.SequencedDeadLetterQueue<EventMessage<?>>>> queues;

        EveryProcessingGroup(EventProcessorProperties properties,
                             java.util.function.Function<String, java.util.function.Function<org.axonframework.config.Configuration,
                                     org.axonframework.messaging.deadletter.SequencedDeadLetterQueue<EventMessage<?>>>> queues) {
            super(properties, queues);
            this.queues = queues;
        }

        @Override
        public void configureModule(Configurer configurer) {
            var processing = configurer.eventProcessing();
            processing.registerDefaultDeadLetterPolicy(configuration -> countingRetries());
            processing.registerDeadLetterQueueProvider(group -> {
                processing.registerDeadLetteringEventHandlerInvokerConfiguration(group,
                        (configuration, builder) -> builder.enableSequenceIdentifierCache());
                return queues.apply(group);
            });
        }
    }
}
