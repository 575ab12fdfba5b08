package com.healthmed.load.setup;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * One simulation's preparation, done before Gatling starts measuring: the seeded accounts with fresh tokens and a
 * day of its own ({@link #day}) on which it publishes the windows it books.
 */
public final class Run {

    private static final int PUBLISH_ATTEMPTS = 50;

    public final List<Account> patients;
    public final List<Account> doctors;
    /** 00:00 UTC of the day this run owns. */
    public final Instant day;

    private Run(List<Account> patients, List<Account> doctors, Instant day) {
        this.patients = patients;
        this.doctors = doctors;
        this.day = day;
    }

    /** Claims a day and freshens the tokens of the first {@code patients} patients and {@code doctors} doctors. */
    public static Run prepare(int patients, int doctors) {
        Pool pool = Pool.loadSeeded(patients, doctors);
        var freshPatients = Tokens.fresh(pool.patients().subList(0, patients));
        var freshDoctors = Tokens.fresh(pool.doctors().subList(0, doctors));
        var allPatients = new ArrayList<>(freshPatients);
        allPatients.addAll(pool.patients().subList(patients, pool.patients().size()));
        var allDoctors = new ArrayList<>(freshDoctors);
        allDoctors.addAll(pool.doctors().subList(doctors, pool.doctors().size()));
        Instant day = LocalDate.now(ZoneOffset.UTC).plusDays(pool.nextDay()).atStartOfDay(ZoneOffset.UTC).toInstant();
        new Pool(allPatients, allDoctors, pool.nextDay()).claimDay().save();
        return new Run(freshPatients, freshDoctors, day);
    }

    /** Publishes [start, start + length) for the doctor; the slots are {@code slotMinutes} long, back to back. */
    public static void publish(Account doctor, Instant start, Duration length, int slotMinutes, int bufferMinutes) {
        var body = Http.JSON.createObjectNode().put("slotMinutes", slotMinutes).put("bufferMinutes", bufferMinutes);
        body.putArray("windows").addObject().put("start", start.toString()).put("end", start.plus(length).toString());
        for (int attempt = 1; ; attempt++) {
            var published = Http.post("/api/v1/doctors/me/availability", body, doctor.accessToken());
            // a freshly verified doctor's schedule opens a moment after the verification (an event handler does it)
            boolean notOpenYet = published.status() == 422
                    && published.body().path("type").asString("").endsWith("/doctor-not-verified");
            if (!notOpenYet || attempt == PUBLISH_ATTEMPTS) {
                published.expect(201, "publishing availability of doctor " + doctor.id());
                return;
            }
            sleep(Duration.ofMillis(200));
        }
    }

    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
