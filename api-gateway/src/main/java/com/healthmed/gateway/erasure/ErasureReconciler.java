package com.healthmed.gateway.erasure;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Finishes erasures a crash (or an unreachable identity provider or store) interrupted: every journal entry older
 * than any request can be runs all steps again, from the key's destruction on. Runs when the application is ready
 * (after a restart) and then periodically, like the registrations' reconciler.
 */
@Component
class ErasureReconciler implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ErasureReconciler.class);

    private final ErasureJournal journal;
    private final PatientErasures erasures;
    private final Duration grace;
    private final Duration interval;
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService runner = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("erasure-reconciler").daemon().factory());

    ErasureReconciler(ErasureJournal journal, PatientErasures erasures,
                      @Value("${healthmed.registrations.reconcile-after:PT2M}") Duration grace,
                      @Value("${healthmed.registrations.reconcile-interval:PT1M}") Duration interval) {
        this.journal = journal;
        this.erasures = erasures;
        this.grace = grace;
        this.interval = interval;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        runner.scheduleWithFixedDelay(this::reconcile, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** @return how many interrupted erasures were finished */
    int reconcile() {
        int finished = 0;
        try {
            for (var erasure : journal.claimStarted(clock.instant().minus(grace), grace)) {
                try {
                    erasures.erase(erasure.patientId(), erasure.requestedBy());
                    finished++;
                    log.info("finished the interrupted erasure of patient {}", erasure.patientId());
                } catch (RuntimeException e) {
                    log.warn("interrupted erasure of patient {} not finished yet: {}", erasure.patientId(), e.toString());
                }
            }
        } catch (RuntimeException e) {
            log.warn("could not look for interrupted erasures: {}", e.toString()); // the next round tries again
        }
        return finished;
    }

    @Override
    public void destroy() {
        runner.shutdownNow();
    }
}
