package com.healthmed.gateway.messaging;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
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
class CommandRetryConfiguration {

    static final int MAX_RETRIES = 5;
    static final int RETRY_INTERVAL_MILLIS = 20;

    @Bean
    CommandGateway commandGateway(CommandBus commandBus) {
        return DefaultCommandGateway.builder().commandBus(commandBus).retryScheduler(conflictRetries())
                .dispatchInterceptors(new CommandAttribution()).build();
    }

    static RetryScheduler conflictRetries() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("command-conflict-retry").daemon().factory());
        return IntervalRetryScheduler.builder()
                .retryExecutor(executor)
                .maxRetryCount(MAX_RETRIES)
                .retryInterval(RETRY_INTERVAL_MILLIS)
                .nonTransientFailurePredicate(failure -> !isConflict(failure))
                .build();
    }

    /** A conflict anywhere in the cause chain (the command bus may wrap it). */
    static boolean isConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConcurrencyException || t instanceof AggregateStreamCreationException) {
                return true;
            }
        }
        return false;
    }
}
