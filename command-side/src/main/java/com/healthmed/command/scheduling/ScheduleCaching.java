package com.healthmed.command.scheduling;

import com.healthmed.command.shared.VerifiedAggregateCache;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class ScheduleCaching {

    /**
     * Keeps hot schedules in memory between commands. Behind Axon Server one aggregate's commands always reach the
     * same node, so a hit is current there; several standalone nodes on one event store route nothing, so a hit is
     * first checked against the store ({@code healthmed.command.verify-cached-aggregates}, on unless a
     * configuration with consistent routing turns it off).
     */
    @Bean
    Cache scheduleCache(ObjectProvider<EventStore> events,
                        @Value("${healthmed.command.verify-cached-aggregates:true}") boolean verify) {
        return verify ? new VerifiedAggregateCache(new WeakReferenceCache(), events::getObject)
                : new WeakReferenceCache();
    }

    /** Refusals of a hot schedule's taken slots answered without its lock (see {@link HotScheduleRefusals}). */
    @Autowired
    void refuseFromCommittedCopy(CommandBus commandBus, ScheduleViews views, Clock clock, SchedulingPolicy policy,
                                 ObjectProvider<EventStore> events,
                                 @Value("${healthmed.command.verify-cached-aggregates:true}") boolean verify) {
        LatestVersionProbe otherNodes = verify
                ? new LatestVersionProbe(id -> events.getObject().lastSequenceNumberFor(id)) : null;
        commandBus.registerHandlerInterceptor(new HotScheduleRefusals(views, clock, policy, otherNodes));
    }
}
