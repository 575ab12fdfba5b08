package com.healthmed.command.scheduling;

import com.healthmed.command.shared.BoundedAggregateCache;
import com.healthmed.schema.scheduling.AvailabilityWindowSpec;
import com.healthmed.schema.scheduling.BookSlotCommand;
import com.healthmed.schema.scheduling.OpenDoctorScheduleCommand;
import com.healthmed.schema.scheduling.PublishAvailabilityCommand;
import com.healthmed.schema.scheduling.SlotBookingOutcome;
import com.healthmed.schema.shared.Money;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A benchmark, not a test (its name keeps it out of the default test run; it times and reports, it asserts no
 * time): the cost of handling {@link BookSlotCommand} on a fresh schedule and on one with 10,000 past bookings.
 * Both run through Axon as the application configures the schedule (cached, snapshot every 100 events), on an
 * in-memory event store, so what differs is the schedule's own work. Run it with
 * <pre>
 * ./mvnw -B -q -pl command-side -am verify -DskipITs -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dtest=ScheduleBookingBenchmark
 * </pre>
 * Results are printed and written to {@code command-side/target/benchmarks/schedule-booking.md}.
 */
class ScheduleBookingBenchmark {

    private static final int PAST_BOOKINGS = Integer.getInteger("bench.pastBookings", 10_000);
    private static final int MEASURED_BOOKINGS = Integer.getInteger("bench.measuredBookings", 2_000);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    private static final int SLOTS_PER_DAY = 24 * 60 / 5;
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    /** Forty-five days later: every booking made at T0 (days 1–40) has ended. */
    private static final Instant T1 = T0.plus(Duration.ofDays(45));

    private final SettableClock clock = new SettableClock(T0);
    private Configuration axon;

    @Test
    void bookingOnAFreshScheduleAndOnOneWithTenThousandPastBookings() throws IOException {
        axon = DefaultConfigurer.defaultConfiguration(false)
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .registerComponent(Clock.class, c -> clock)
                .registerComponent(SchedulingPolicy.class, c -> SchedulingPolicy.defaults())
                .registerComponent(ScheduleViews.class, c -> new ScheduleViews())
                .configureAggregate(AggregateConfigurer.defaultConfiguration(DoctorSchedule.class)
                        .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(), 100))
                        .configureCache(c -> new BoundedAggregateCache(1_000)))
                .buildConfiguration();
        axon.start();
        try {
            List<long[]> fresh = new ArrayList<>();
            List<long[]> aged = new ArrayList<>();
            long[] retirement = new long[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                clock.now = T1;
                String freshDoctor = "fresh-" + round;
                send(new OpenDoctorScheduleCommand(freshDoctor, Money.brl("200.00")));
                publish(freshDoctor, 46, 65);
                fresh.add(measure(freshDoctor));

                String agedDoctor = "aged-" + round;
                clock.now = T0;
                send(new OpenDoctorScheduleCommand(agedDoctor, Money.brl("200.00")));
                publish(agedDoctor, 1, 40);
                for (int i = 0; i < PAST_BOOKINGS; i++) {
                    book(agedDoctor, "past-" + i, slotStart(1, i));
                }
                clock.now = T1;
                long before = System.nanoTime();
                publish(agedDoctor, 46, 65); // retires the 40 past windows and the past bookings in one event
                retirement[round] = System.nanoTime() - before;
                aged.add(measure(agedDoctor));
            }
            report(fresh, aged, retirement);
        } finally {
            axon.shutdown();
        }
    }

    /** Books {@link #MEASURED_BOOKINGS} free slots one after the other; the time of each, in nanoseconds. */
    private long[] measure(String doctor) {
        long[] nanos = new long[MEASURED_BOOKINGS];
        for (int i = 0; i < MEASURED_BOOKINGS; i++) {
            long start = System.nanoTime();
            book(doctor, "new-" + i, slotStart(46, i));
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }

    private void report(List<long[]> fresh, List<long[]> aged, long[] retirement) throws IOException {
        var out = new StringBuilder();
        out.append("BookSlot handling time (µs per booking; ").append(MEASURED_BOOKINGS)
                .append(" bookings per round, first round is warm-up)\n\n");
        out.append("| round | fresh: mean | p50 | p99 | ").append(PAST_BOOKINGS)
                .append(" past bookings: mean | p50 | p99 | retiring them (ms) |\n|---|---|---|---|---|---|---|---|\n");
        for (int round = 0; round < fresh.size(); round++) {
            long[] f = fresh.get(round);
            long[] a = aged.get(round);
            out.append(String.format("| %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |%n", round + 1,
                    mean(f), percentile(f, 50), percentile(f, 99), mean(a), percentile(a, 50), percentile(a, 99),
                    retirement[round] / 1e6));
        }
        out.append("\nJDK ").append(System.getProperty("java.vm.vendor")).append(' ')
                .append(Runtime.version()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" processors\n");
        System.out.println(out);
        Path file = Path.of("target", "benchmarks", "schedule-booking.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, out);
    }

    private static double mean(long[] nanos) {
        return Arrays.stream(nanos).average().orElse(0) / 1_000;
    }

    private static double percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)] / 1_000.0;
    }

    /** Windows of whole days (00:00–24:00 UTC) from {@code firstDay} to {@code lastDay} after T0; 5-minute slots. */
    private void publish(String doctor, int firstDay, int lastDay) {
        var windows = IntStream.rangeClosed(firstDay, lastDay)
                .mapToObj(d -> new AvailabilityWindowSpec("w-" + d, T0.plus(Duration.ofDays(d)),
                        T0.plus(Duration.ofDays(d + 1)))).toList();
        send(new PublishAvailabilityCommand(doctor, windows, 5, 0));
    }

    /** The {@code n}-th slot from the start of {@code firstDay}, skipping the first three hours (minimum notice). */
    private static Instant slotStart(int firstDay, int n) {
        int perDay = SLOTS_PER_DAY - 36;
        return T0.plus(Duration.ofDays(firstDay + n / perDay)).plus(Duration.ofMinutes(5L * (36 + n % perDay)));
    }

    private void book(String doctor, String appointment, Instant start) {
        SlotBookingOutcome outcome = axon.commandGateway().sendAndWait(
                new BookSlotCommand(doctor, appointment, "patient", start));
        if (outcome.booking() == null) {
            throw new IllegalStateException(appointment + " at " + start + ": " + outcome.refusal());
        }
    }

    private void send(Object command) {
        axon.commandGateway().sendAndWait(command);
    }

}
