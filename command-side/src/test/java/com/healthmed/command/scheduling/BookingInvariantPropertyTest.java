package com.healthmed.command.scheduling;

import com.healthmed.schema.scheduling.AvailabilityPublishedEvent;
import com.healthmed.schema.scheduling.AvailabilityRevisedEvent;
import com.healthmed.schema.scheduling.AvailabilityWindowSpec;
import com.healthmed.schema.scheduling.AvailabilityWithdrawnEvent;
import com.healthmed.schema.scheduling.BookSlotCommand;
import com.healthmed.schema.scheduling.DoctorScheduleOpenedEvent;
import com.healthmed.schema.scheduling.PublishAvailabilityCommand;
import com.healthmed.schema.scheduling.ReleaseSlotCommand;
import com.healthmed.schema.scheduling.ReviseAvailabilityCommand;
import com.healthmed.schema.scheduling.ScheduleHistoryPrunedEvent;
import com.healthmed.schema.scheduling.SlotBookedEvent;
import com.healthmed.schema.scheduling.SlotReleasedEvent;
import com.healthmed.schema.scheduling.WithdrawAvailabilityCommand;
import com.healthmed.schema.shared.Money;
import com.healthmed.schema.shared.RejectionReason;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;
import org.axonframework.test.aggregate.AggregateTestFixture;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.healthmed.command.shared.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The booking invariant under random sequences of publish / revise / withdraw / book / release commands and
 * the passing of time: after every command the aggregate does exactly what a plain reference model does (same
 * events, including the retirement of ended windows and bookings, or the same refusal), and in the model no
 * two active bookings overlap and every booking lies in a published window.
 */
class BookingInvariantPropertyTest {

    private static final String DOCTOR = "doctor-1";
    /** The clock starts the first morning before dawn and moves forward in random steps. */
    private static final Instant NOW = Instant.parse("2026-12-02T04:00:00Z");
    private static final Instant DAY_ONE = Instant.parse("2026-12-02T00:00:00Z");
    private static final Duration MINIMUM_NOTICE = SchedulingPolicy.defaults().minimumNotice();
    private static final Money PRICE = Money.brl("200.00");
    private static final List<String> WINDOW_IDS = List.of("w1", "w2", "w3", "w4");
    private static final List<String> APPOINTMENT_IDS = List.of("a1", "a2", "a3", "a4", "a5", "a6");
    private static final List<String> PATIENTS = List.of("p1", "p2");

    @Property(tries = 1000, edgeCases = net.jqwik.api.EdgeCasesMode.NONE)
    void theScheduleBehavesLikeTheModelAndKeepsTheInvariant(@ForAll("commands") @Size(max = 30) List<Object> commands) {
        var fixture = new AggregateTestFixture<>(DoctorSchedule.class);
        var clock = new SettableClock(NOW);
        fixture.registerInjectableResource(clock);
        fixture.registerInjectableResource(SchedulingPolicy.defaults());
        fixture.registerInjectableResource(new ScheduleViews());
        var model = new Model();
        List<Object> history = new ArrayList<>(List.of(new DoctorScheduleOpenedEvent(DOCTOR, PRICE)));

        for (Object command : commands) {
            if (command instanceof PassTime pass) {
                clock.now = clock.now.plus(pass.duration());
                continue;
            }
            var result = fixture.given(history).when(command);
            Outcome expected = model.decide(command, clock.now);
            Statistics.collect(command.getClass().getSimpleName(),
                    expected.refusal() != null ? expected.refusal().name()
                            : expected.events().stream().anyMatch(ScheduleHistoryPrunedEvent.class::isInstance)
                            ? "accepted, retiring ended history" : "accepted");
            if (expected.refusal() != null && command instanceof BookSlotCommand) {
                DoctorScheduleTest.refusedBooking(result, expected.refusal());
            } else if (expected.refusal() != null) {
                rejected(result, expected.refusal());
            } else {
                result.expectEvents(expected.events().toArray());
                expected.events().forEach(model::apply);
                history.addAll(expected.events());
            }
            model.assertInvariant();
        }
    }

    @Provide
    Arbitrary<List<Object>> commands() {
        // three mornings: windows, grids and bookings collide often, and time passes over them
        Arbitrary<Instant> day = Arbitraries.of(0, 1, 2).map(d -> DAY_ONE.plus(Duration.ofDays(d)));
        Arbitrary<Instant> windowStart = Combinators.combine(day, Arbitraries.of(0, 30, 60, 120, 180))
                .as((d, minutes) -> d.plus(Duration.ofHours(8).plusMinutes(minutes)));
        Arbitrary<Integer> lengthMinutes = Arbitraries.of(30, 60, 120, 180, 240);
        Arbitrary<Integer> slot = Arbitraries.of(30, 45, 60);
        Arbitrary<Integer> buffer = Arbitraries.of(0, 15);
        Arbitrary<String> windowId = Arbitraries.of(WINDOW_IDS);

        Arbitrary<Object> publish = Combinators.combine(windowId, windowStart, lengthMinutes, slot, buffer)
                .as((id, start, length, s, b) -> new PublishAvailabilityCommand(DOCTOR,
                        List.of(new AvailabilityWindowSpec(id, start, start.plus(Duration.ofMinutes(length)))), s, b));
        Arbitrary<Object> revise = Combinators.combine(windowId, windowStart, lengthMinutes, slot, buffer)
                .as((id, start, length, s, b) -> new ReviseAvailabilityCommand(DOCTOR, id, start,
                        start.plus(Duration.ofMinutes(length)), s, b));
        Arbitrary<Object> withdraw = windowId.map(id -> new WithdrawAvailabilityCommand(DOCTOR, id));
        // starts on the grids those windows produce (steps of 30, 45, 60 and 75 minutes from 8:00 or 8:30),
        // and a few a fraction of a second off them
        Arbitrary<Duration> onGrid = Arbitraries.of(0, 30, 45, 60, 75, 90, 120, 135, 150, 165, 180, 210, 240)
                .map(minutes -> Duration.ofHours(8).plusMinutes(minutes));
        Arbitrary<Duration> offGrid = Arbitraries.of(Duration.ofNanos(1), Duration.ofMillis(500), Duration.ofNanos(-1))
                .flatMap(off -> onGrid.map(at -> at.plus(off)));
        Arbitrary<Instant> bookingStart = Combinators.combine(day, Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(9, onGrid), net.jqwik.api.Tuple.of(1, offGrid)))
                .as(Instant::plus);
        Arbitrary<Object> book = Combinators.combine(Arbitraries.of(APPOINTMENT_IDS), Arbitraries.of(PATIENTS), bookingStart)
                .as((id, patient, start) -> new BookSlotCommand(DOCTOR, id, patient, start));
        Arbitrary<Object> release = Arbitraries.of(APPOINTMENT_IDS).map(id -> new ReleaseSlotCommand(DOCTOR, id, "cancelled"));
        // time passes into and over the morning, so windows and bookings start, run and end
        Arbitrary<Object> passTime = Arbitraries.of(2, 6, 12, 24).map(hours -> new PassTime(Duration.ofHours(hours)));

        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(3, publish), net.jqwik.api.Tuple.of(2, revise),
                        net.jqwik.api.Tuple.of(1, withdraw), net.jqwik.api.Tuple.of(8, book),
                        net.jqwik.api.Tuple.of(2, release), net.jqwik.api.Tuple.of(2, passTime))
                .list().ofMaxSize(30);
    }

    /** Not a command: the clock moves forward. */
    record PassTime(Duration duration) {
    }


    record Outcome(List<Object> events, RejectionReason refusal) {
        static Outcome of(Object... events) {
            return new Outcome(List.of(events), null);
        }

        static Outcome refused(RejectionReason reason) {
            return new Outcome(List.of(), reason);
        }
    }

    /** The rules written the plainest way: lists, loops and arithmetic on minutes. */
    static final class Model {

        record Window(Instant start, Instant end, int slot, int buffer) {
        }

        record Booking(String windowId, String patient, Instant start, Instant end) {
        }

        final Map<String, Window> windows = new LinkedHashMap<>();
        final Map<String, Booking> bookings = new LinkedHashMap<>();

        /**
         * A command that may change the schedule decides as if what ended at or before {@code now} were gone,
         * and when it changes something it retires that first (one event listing it). A refusal changes nothing.
         */
        Outcome decide(Object command, Instant now) {
            if (command instanceof ReleaseSlotCommand c) {
                Booking b = bookings.get(c.appointmentId());
                return b == null ? Outcome.of()
                        : Outcome.of(new SlotReleasedEvent(DOCTOR, c.appointmentId(), b.start(), b.end(), c.reason()));
            }
            Model current = withoutEndedAt(now);
            Outcome outcome = current.decideOnCurrent(command, now);
            if (outcome.refusal() != null || outcome.events().isEmpty() && command instanceof BookSlotCommand) {
                return outcome;
            }
            List<String> endedWindows = ended(windows, Window::start, Window::end, now);
            List<String> endedBookings = ended(bookings, Booking::start, Booking::end, now);
            if (endedWindows.isEmpty() && endedBookings.isEmpty()) {
                return outcome;
            }
            List<Object> events = new ArrayList<>();
            events.add(new ScheduleHistoryPrunedEvent(DOCTOR, now, endedWindows, endedBookings));
            events.addAll(outcome.events());
            return new Outcome(events, null);
        }

        private Model withoutEndedAt(Instant now) {
            Model current = new Model();
            windows.forEach((id, w) -> {
                if (w.end().isAfter(now)) {
                    current.windows.put(id, w);
                }
            });
            bookings.forEach((id, b) -> {
                if (b.end().isAfter(now)) {
                    current.bookings.put(id, b);
                }
            });
            return current;
        }

        /** The ids of what ended at or before {@code now}, in order of start. */
        private static <T> List<String> ended(Map<String, T> items, java.util.function.Function<T, Instant> start,
                                              java.util.function.Function<T, Instant> end, Instant now) {
            return items.entrySet().stream().filter(e -> !end.apply(e.getValue()).isAfter(now))
                    .sorted(Comparator.comparing(e -> start.apply(e.getValue())))
                    .map(Map.Entry::getKey).toList();
        }

        private Outcome decideOnCurrent(Object command, Instant now) {
            return switch (command) {
                case PublishAvailabilityCommand c -> {
                    var spec = c.windows().get(0);
                    if (windows.containsKey(spec.windowId())) {
                        yield Outcome.refused(RejectionReason.INVALID_WINDOW);
                    }
                    var w = new Window(spec.start(), spec.end(), c.slotMinutes(), c.bufferMinutes());
                    if (w.start().isBefore(now) || minutes(w.start(), w.end()) < w.slot()) {
                        yield Outcome.refused(RejectionReason.INVALID_WINDOW);
                    }
                    if (overlapsAnother(w, null)) {
                        yield Outcome.refused(RejectionReason.WINDOW_OVERLAP);
                    }
                    yield Outcome.of(new AvailabilityPublishedEvent(DOCTOR, spec.windowId(), w.start(), w.end(),
                            w.slot(), w.buffer()));
                }
                case ReviseAvailabilityCommand c -> {
                    if (!windows.containsKey(c.windowId())) {
                        yield Outcome.refused(RejectionReason.NOT_FOUND);
                    }
                    var w = new Window(c.start(), c.end(), c.slotMinutes(), c.bufferMinutes());
                    if (w.start().isBefore(now) || minutes(w.start(), w.end()) < w.slot()) {
                        yield Outcome.refused(RejectionReason.INVALID_WINDOW);
                    }
                    if (overlapsAnother(w, c.windowId())) {
                        yield Outcome.refused(RejectionReason.WINDOW_OVERLAP);
                    }
                    boolean losesBooking = bookings.values().stream()
                            .anyMatch(b -> b.windowId().equals(c.windowId())
                                    && (b.start().isBefore(w.start()) || b.end().isAfter(w.end())));
                    if (losesBooking) {
                        yield Outcome.refused(RejectionReason.WINDOW_HAS_BOOKINGS);
                    }
                    yield w.equals(windows.get(c.windowId())) ? Outcome.of()
                            : Outcome.of(new AvailabilityRevisedEvent(DOCTOR, c.windowId(), w.start(), w.end(),
                            w.slot(), w.buffer()));
                }
                case WithdrawAvailabilityCommand c -> {
                    if (!windows.containsKey(c.windowId())) {
                        yield Outcome.refused(RejectionReason.NOT_FOUND);
                    }
                    if (bookings.values().stream().anyMatch(b -> b.windowId().equals(c.windowId()))) {
                        yield Outcome.refused(RejectionReason.WINDOW_HAS_BOOKINGS);
                    }
                    yield Outcome.of(new AvailabilityWithdrawnEvent(DOCTOR, c.windowId()));
                }
                case BookSlotCommand c -> {
                    Booking existing = bookings.get(c.appointmentId());
                    if (existing != null) {
                        yield existing.start().equals(c.start()) && existing.patient().equals(c.patientId())
                                ? Outcome.of() : Outcome.refused(RejectionReason.IDEMPOTENCY_KEY_REUSED);
                    }
                    if (c.start().isBefore(now)) {
                        yield Outcome.refused(RejectionReason.START_IN_PAST);
                    }
                    if (c.start().isBefore(now.plus(MINIMUM_NOTICE))) {
                        yield Outcome.refused(RejectionReason.TOO_SHORT_NOTICE);
                    }
                    for (var entry : windows.entrySet()) {
                        Window w = entry.getValue();
                        Duration offset = Duration.between(w.start(), c.start());
                        Instant end = c.start().plus(Duration.ofMinutes(w.slot()));
                        boolean onGrid = !offset.isNegative()
                                && offset.toNanos() % Duration.ofMinutes(w.slot() + w.buffer()).toNanos() == 0;
                        if (onGrid && !end.isAfter(w.end())) {
                            boolean taken = bookings.values().stream()
                                    .anyMatch(b -> b.start().isBefore(end) && c.start().isBefore(b.end()));
                            long upcoming = bookings.values().stream()
                                    .filter(b -> b.patient().equals(c.patientId()) && b.end().isAfter(now)).count();
                            yield taken ? Outcome.refused(RejectionReason.SLOT_UNAVAILABLE)
                                    : upcoming >= SchedulingPolicy.defaults().maxUpcomingBookingsPerPatient()
                                    ? Outcome.refused(RejectionReason.TOO_MANY_BOOKINGS_WITH_DOCTOR)
                                    : Outcome.of(new SlotBookedEvent(DOCTOR, c.appointmentId(), c.patientId(),
                                    entry.getKey(), c.start(), end, PRICE));
                        }
                    }
                    yield Outcome.refused(RejectionReason.OUTSIDE_AVAILABILITY);
                }
                default -> throw new IllegalArgumentException(command.toString());
            };
        }

        void apply(Object event) {
            switch (event) {
                case AvailabilityPublishedEvent e ->
                        windows.put(e.windowId(), new Window(e.start(), e.end(), e.slotMinutes(), e.bufferMinutes()));
                case AvailabilityRevisedEvent e ->
                        windows.put(e.windowId(), new Window(e.start(), e.end(), e.slotMinutes(), e.bufferMinutes()));
                case AvailabilityWithdrawnEvent e -> windows.remove(e.windowId());
                case SlotBookedEvent e ->
                        bookings.put(e.appointmentId(), new Booking(e.windowId(), e.patientId(), e.start(), e.end()));
                case SlotReleasedEvent e -> bookings.remove(e.appointmentId());
                case ScheduleHistoryPrunedEvent e -> {
                    e.windowIds().forEach(windows::remove);
                    e.appointmentIds().forEach(bookings::remove);
                }
                default -> throw new IllegalArgumentException(event.toString());
            }
        }

        void assertInvariant() {
            var all = new ArrayList<>(bookings.values());
            for (int i = 0; i < all.size(); i++) {
                for (int j = i + 1; j < all.size(); j++) {
                    Booking a = all.get(i);
                    Booking b = all.get(j);
                    assertThat(a.start().isBefore(b.end()) && b.start().isBefore(a.end()))
                            .as("bookings %s and %s overlap", a, b).isFalse();
                }
            }
            for (Booking b : all) {
                Window w = windows.get(b.windowId());
                assertThat(w).as("window of %s", b).isNotNull();
                assertThat(!b.start().isBefore(w.start()) && !b.end().isAfter(w.end()))
                        .as("%s lies in %s", b, w).isTrue();
            }
        }

        private boolean overlapsAnother(Window w, String except) {
            return windows.entrySet().stream().filter(e -> !e.getKey().equals(except))
                    .anyMatch(e -> e.getValue().start().isBefore(w.end()) && w.start().isBefore(e.getValue().end()));
        }

        private static long minutes(Instant from, Instant to) {
            return Duration.between(from, to).toMinutes();
        }
    }
}
