package com.healthmed.command.scheduling;

import com.healthmed.command.shared.BoundedAggregateCache;
import com.healthmed.command.shared.VerifiedAggregateCache;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.function.Supplier;

@Configuration(proxyBeanMethods = false)
class ScheduleCaching {

    /**
     * Keeps hot schedules in memory between commands. Behind Axon Server one aggregate's commands always reach the
     * same node, so a hit is current there; several standalone nodes on one event store route nothing, so a hit is
     * first checked against the store ({@code healthmed.command.verify-cached-aggregates}, on unless a
     * configuration with consistent routing turns it off). At most {@code healthmed.command.schedule-cache-size}
     * schedules are kept (least recently used out first, and softly held: a full heap takes them back).
     */
    @Bean
    Cache scheduleCache(ObjectProvider<EventStore> events,
                        @Value("${healthmed.command.verify-cached-aggregates:true}") boolean verify,
                        @Value("${healthmed.command.schedule-cache-size:10000}") long size) {
        Cache schedules = new BoundedAggregateCache(size);
        return verify ? new VerifiedAggregateCache(schedules, events::getObject) : schedules;
    }

    /** Refusals of a hot schedule's taken slots answered without its lock (see {@link HotScheduleRefusals}). */
    @Autowired
    void refuseFromCommittedCopy(CommandBus commandBus, ScheduleViews views, Clock clock, SchedulingPolicy policy,
                                 ObjectProvider<EventStore> events, ObjectProvider<PlatformTransactionManager> transactions,
                                 @Value("${healthmed.command.verify-cached-aggregates:true}") boolean verify) {
        LatestVersionProbe otherNodes = verify
                ? new LatestVersionProbe(id -> outsideTheCommandsTransaction(transactions,
                        () -> events.getObject().lastSequenceNumberFor(id))) : null;
        commandBus.registerHandlerInterceptor(new HotScheduleRefusals(views, clock, policy, otherNodes));
    }

    /**
     * The probe runs before the command's turn and lock: inside the command's transaction its query would take the
     * transaction's connection and keep it while the command then queues behind the others, so a hot doctor's burst
     * emptied the pool (BookingLoadBenchmark). On a connection of its own it gives that back at once.
     */
    private static <T> T outsideTheCommandsTransaction(ObjectProvider<PlatformTransactionManager> transactions,
                                                       Supplier<T> query) {
        PlatformTransactionManager manager = transactions.getIfAvailable();
        if (manager == null) {
            return query.get();
        }
        var template = new TransactionTemplate(manager);
        template.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
        return template.execute(status -> query.get());
    }
}
