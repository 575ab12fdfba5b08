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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.healthmed.command.shared.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The booking invariant under random sequences of publish / revise / withdraw / book / release commands:
 * after every command the aggregate does exactly what a plain reference model does (same events or the same
 * refusal), and in the model no two active bookings overlap and every booking lies in a published window.
 */
class BookingInvariantPropertyTest {

    private static final String DOCTOR = "doctor-1";
    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
    private static final Instant DAY_ONE = Instant.parse("2026-12-02T00:00:00Z");
    private static final Money PRICE = Money.brl("200.00");
    private static final List<String> WINDOW_IDS = List.of("w1", "w2", "w3", "w4");
    private static final List<String> APPOINTMENT_IDS = List.of("a1", "a2", "a3", "a4", "a5", "a6");
    private static final List<String> PATIENTS = List.of("p1", "p2");

    @Property(tries = 1000, edgeCases = net.jqwik.api.EdgeCasesMode.NONE)
    void theScheduleBehavesLikeTheModelAndKeepsTheInvariant(@ForAll("commands") @Size(max = 25) List<Object> commands) {
        var fixture = new AggregateTestFixture<>(DoctorSchedule.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(SchedulingPolicy.defaults());
        var model = new Model();
        List<Object> history = new ArrayList<>(List.of(new DoctorScheduleOpenedEvent(DOCTOR, PRICE)));

        for (Object command : commands) {
            var result = fixture.given(history).when(command);
            Outcome expected = model.decide(command);
            Statistics.collect(command.getClass().getSimpleName(),
                    expected.refusal() != null ? expected.refusal().name() : "accepted");
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
        // one morning: windows, grids and bookings collide often
        Arbitrary<Instant> windowStart = Arbitraries.of(0, 30, 60, 120, 180)
                .map(minutes -> DAY_ONE.plus(Duration.ofHours(8).plusMinutes(minutes)));
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
        // starts on the grids those windows produce (steps of 30, 45, 60 and 75 minutes from 8:00 or 8:30)
        Arbitrary<Instant> bookingStart = Arbitraries.of(0, 30, 45, 60, 75, 90, 120, 135, 150, 165, 180, 210, 240)
                .map(minutes -> DAY_ONE.plus(Duration.ofHours(8).plusMinutes(minutes)));
        Arbitrary<Object> book = Combinators.combine(Arbitraries.of(APPOINTMENT_IDS), Arbitraries.of(PATIENTS), bookingStart)
                .as((id, patient, start) -> new BookSlotCommand(DOCTOR, id, patient, start));
        Arbitrary<Object> release = Arbitraries.of(APPOINTMENT_IDS).map(id -> new ReleaseSlotCommand(DOCTOR, id, "cancelled"));

        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(2, publish), net.jqwik.api.Tuple.of(2, revise),
                        net.jqwik.api.Tuple.of(1, withdraw), net.jqwik.api.Tuple.of(8, book),
                        net.jqwik.api.Tuple.of(2, release))
                .list().ofMaxSize(25);
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

        Outcome decide(Object command) {
            return switch (command) {
                case PublishAvailabilityCommand c -> {
                    var spec = c.windows().get(0);
                    if (windows.containsKey(spec.windowId())) {
                        yield Outcome.refused(RejectionReason.INVALID_WINDOW);
                    }
                    var w = new Window(spec.start(), spec.end(), c.slotMinutes(), c.bufferMinutes());
                    if (minutes(w.start(), w.end()) < w.slot()) {
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
                    if (minutes(w.start(), w.end()) < w.slot()) {
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
                    for (var entry : windows.entrySet()) {
                        Window w = entry.getValue();
                        long offset = minutes(w.start(), c.start());
                        Instant end = c.start().plus(Duration.ofMinutes(w.slot()));
                        if (offset >= 0 && offset % (w.slot() + w.buffer()) == 0 && !end.isAfter(w.end())) {
                            boolean taken = bookings.values().stream()
                                    .anyMatch(b -> b.start().isBefore(end) && c.start().isBefore(b.end()));
                            yield taken ? Outcome.refused(RejectionReason.SLOT_UNAVAILABLE)
                                    : Outcome.of(new SlotBookedEvent(DOCTOR, c.appointmentId(), c.patientId(),
                                    entry.getKey(), c.start(), end, PRICE));
                        }
                    }
                    yield Outcome.refused(RejectionReason.OUTSIDE_AVAILABILITY);
                }
                case ReleaseSlotCommand c -> {
                    Booking b = bookings.get(c.appointmentId());
                    yield b == null ? Outcome.of()
                            : Outcome.of(new SlotReleasedEvent(DOCTOR, c.appointmentId(), b.start(), b.end(), c.reason()));
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
