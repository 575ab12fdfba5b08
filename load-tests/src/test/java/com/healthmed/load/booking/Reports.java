package com.healthmed.load.booking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * What Gatling's own report cannot say (outcome counts, end-to-end visibility), appended to a text file per scenario
 * in {@code load.reports} (./healthmed passes load-tests/target/gatling, beside Gatling's HTML reports).
 */
public final class Reports {

    private Reports() {
    }

    public static void write(String name, String text) {
        Path file = Path.of(System.getProperty("load.reports", "load-tests/target/gatling"), name + ".txt");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, Instant.now() + " " + text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
