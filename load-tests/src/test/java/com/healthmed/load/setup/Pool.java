package com.healthmed.load.setup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * What the seed created on the running platform, kept in {@code data/load-tests/pool.json} beside the platform's own
 * data (delete {@code data/} and both go). {@code nextDay} hands every run a day of its own to publish fresh windows
 * on, so a run never finds slots an earlier run booked.
 */
public record Pool(List<Account> patients, List<Account> doctors, int nextDay) {

    public static final Path FILE = Path.of(System.getProperty("load.pool", "data/load-tests/pool.json"));
    /** The first day offered to a run, and the last the booking horizon (90 days) still accepts. */
    static final int FIRST_DAY = 2;
    static final int LAST_DAY = 88;

    public static Pool load() {
        if (!Files.exists(FILE)) {
            return new Pool(new ArrayList<>(), new ArrayList<>(), FIRST_DAY);
        }
        Pool pool = Http.JSON.readValue(FILE.toFile(), Pool.class);
        return new Pool(new ArrayList<>(pool.patients()), new ArrayList<>(pool.doctors()), pool.nextDay());
    }

    public static Pool loadSeeded(int patients, int doctors) {
        Pool pool = load();
        if (pool.patients().size() < patients || pool.doctors().size() < doctors) {
            throw new IllegalStateException("the pool " + FILE.toAbsolutePath() + " holds " + pool.patients().size()
                    + " patients and " + pool.doctors().size() + " doctors; this run needs " + patients + " and "
                    + doctors + ": ./healthmed load seed -Dload.patients=" + patients + " -Dload.doctors=" + doctors);
        }
        return pool;
    }

    public void save() {
        try {
            Files.createDirectories(FILE.toAbsolutePath().getParent());
            Path temporary = FILE.resolveSibling(FILE.getFileName() + ".tmp");
            Http.JSON.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), this);
            Files.move(temporary, FILE, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Claims the next unused day for a run and saves the pool. */
    public Pool claimDay() {
        if (nextDay > LAST_DAY) {
            throw new IllegalStateException("every day within the booking horizon has been used by earlier runs; "
                    + "start from a fresh platform (delete data/) and seed again");
        }
        return new Pool(patients, doctors, nextDay + 1);
    }
}
