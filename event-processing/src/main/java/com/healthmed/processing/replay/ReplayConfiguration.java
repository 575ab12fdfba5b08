package com.healthmed.processing.replay;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

/** Status and replay of this service's processing groups, for the admin endpoints of the gateway. */
@AutoConfiguration
public class ReplayConfiguration {

    @Bean
    ProjectionAdministration projectionAdministration(EventProcessingConfiguration processing,
                                                      ObjectProvider<EventStore> eventStore,
                                                      ApplicationContext context) {
        return new ProjectionAdministration(processing, eventStore, context);
    }
}
