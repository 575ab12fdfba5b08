package com.healthmed.gateway.web;

import com.healthmed.gateway.identity.IdentityDirectory;
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
 * Finishes registrations that a crash interrupted (entries of {@link PendingRegistrations} older than any request
 * can be): one whose account exists and whose command was recorded is completed by sending the command again (the
 * patient or doctor then exists and the account works as the user asked); one that stopped before the command was
 * recorded is undone by removing its account, if it was created, so the username and e-mail are free again. Runs
 * when the application is ready (after a restart) and then periodically.
 */
@Component
class RegistrationReconciler implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RegistrationReconciler.class);

    private final PendingRegistrations pending;
    private final IdentityDirectory identity;
    private final Registrations registrations;
    private final Duration grace;
    private final Duration interval;
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService runner = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("registration-reconciler").daemon().factory());

    RegistrationReconciler(PendingRegistrations pending, IdentityDirectory identity, Registrations registrations,
                           @Value("${healthmed.registrations.reconcile-after:PT2M}") Duration grace,
                           @Value("${healthmed.registrations.reconcile-interval:PT1M}") Duration interval) {
        this.pending = pending;
        this.identity = identity;
        this.registrations = registrations;
        this.grace = grace;
        this.interval = interval;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        runner.scheduleWithFixedDelay(this::reconcileSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void reconcileSafely() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            // the identity provider or the store is away for now: the next round tries again
            log.warn("could not reconcile interrupted registrations: {}", e.toString());
        }
    }

    /** @return how many interrupted registrations were finished (completed or undone) */
    int reconcile() {
        int finished = 0;
        for (var registration : pending.claimStarted(clock.instant().minus(grace), grace)) {
            try {
                finish(registration);
                pending.finished(registration.id());
                finished++;
            } catch (RuntimeException e) {
                log.warn("interrupted registration of {} not finished yet: {}", registration.username(), e.toString());
            }
        }
        return finished;
    }

    private void finish(PendingRegistrations.Pending registration) {
        if (registration.command().isPresent()) {
            registrations.sendRegistration(registration.command().get());
            log.info("completed the interrupted registration of {} (account {})", registration.username(),
                    registration.accountId().orElseThrow());
            return;
        }
        var account = registration.accountId().or(() -> identity.findAccountId(registration.username()));
        if (account.isPresent()) {
            identity.deleteAccount(account.get());
            log.info("undid the interrupted registration of {}: removed account {}", registration.username(),
                    account.get());
        }
    }

    @Override
    public void destroy() {
        runner.shutdownNow();
    }
}
