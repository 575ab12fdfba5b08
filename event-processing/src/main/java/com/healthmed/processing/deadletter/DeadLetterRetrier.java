package com.healthmed.processing.deadletter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Retries parked events on a fixed interval, so a passing failure (mail server down, read store restarting)
 * heals by itself; an event that keeps failing stays parked, with its attempts counted, for an admin to see.
 */
class DeadLetterRetrier implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRetrier.class);

    private final DeadLetterAdministration administration;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    DeadLetterRetrier(DeadLetterAdministration administration, Duration interval) {
        this.administration = administration;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("dead-letter-retry").daemon().factory());
        scheduler.scheduleWithFixedDelay(this::retry, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void retry() {
        try {
            administration.retryAll();
        } catch (RuntimeException e) {
            log.warn("Retrying parked events failed; next try in {}", interval, e);
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
