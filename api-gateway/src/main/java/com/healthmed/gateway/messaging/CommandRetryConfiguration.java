package com.healthmed.gateway.messaging;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.ExponentialBackOffIntervalRetryScheduler;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Commands that lose a race on the event store (two nodes appended to one aggregate, or created it, at the same
 * time) are sent again: the retry loads the winner's events and decides on them, so the loser gets a clean
 * business answer (409/422), never a 500. Every other failure, business refusals first, is final. Every command
 * sent through it is attributed ({@link CommandAttribution}).
 */
@Configuration(proxyBeanMethods = false)
public class CommandRetryConfiguration {

    /**
     * Backing off (10, 20, 40 ms ... 2.6 s; 5 s in all): with several nodes on one event store, a node reloading a
     * hot schedule after a lost race can lose again and again to another node that decides on its cached copy, until
     * that node's queue of commands on the schedule drains. A fixed short interval gave up before that (409).
     */
    static final int MAX_RETRIES = 9;
    static final int BACKOFF_MILLIS = 10;

    @Bean
    CommandGateway commandGateway(CommandBus commandBus) {
        return DefaultCommandGateway.builder().commandBus(commandBus).retryScheduler(conflictRetries())
                .dispatchInterceptors(new CommandAttribution()).build();
    }

    static RetryScheduler conflictRetries() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("command-conflict-retry").daemon().factory());
        var settings = ExponentialBackOffIntervalRetryScheduler.builder()
                .retryExecutor(executor)
                .maxRetryCount(MAX_RETRIES)
                .backoffFactor(BACKOFF_MILLIS);
        return new ExponentialBackOffIntervalRetryScheduler(settings) {
            /**
             * Judged on the whole cause chain at once: Axon's own check also asks about each cause alone, and a
             * store conflict's cause (the database's unique-key error) is no conflict by itself, so a real conflict
             * was never retried.
             */
            @Override
            protected boolean isExplicitlyNonTransient(Throwable failure) {
                return !isConflict(failure);
            }
        };
    }

    /** A conflict anywhere in the cause chain (the command bus may wrap it). */
    public static boolean isConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConcurrencyException || t instanceof AggregateStreamCreationException) {
                return true;
            }
        }
        return false;
    }
}
