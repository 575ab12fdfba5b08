package com.healthmed.command.scheduling;

import com.healthmed.command.shared.CommandRejectedException;
import com.healthmed.schema.scheduling.AvailabilityPublishedEvent;
import com.healthmed.schema.scheduling.AvailabilityRevisedEvent;
import com.healthmed.schema.scheduling.AvailabilityWindowSpec;
import com.healthmed.schema.scheduling.AvailabilityWithdrawnEvent;
import com.healthmed.schema.scheduling.BookSlotCommand;
import com.healthmed.schema.scheduling.ChangeSchedulePriceCommand;
import com.healthmed.schema.scheduling.DoctorScheduleId;
import com.healthmed.schema.scheduling.DoctorScheduleOpenedEvent;
import com.healthmed.schema.scheduling.OpenDoctorScheduleCommand;
import com.healthmed.schema.scheduling.PublishAvailabilityCommand;
import com.healthmed.schema.scheduling.ReleaseSlotCommand;
import com.healthmed.schema.scheduling.ReviseAvailabilityCommand;
import com.healthmed.schema.scheduling.SchedulePriceChangedEvent;
import com.healthmed.schema.scheduling.SlotBookedEvent;
import com.healthmed.schema.scheduling.SlotBooking;
import com.healthmed.schema.scheduling.SlotBookingOutcome;
import com.healthmed.schema.scheduling.SlotReleasedEvent;
import com.healthmed.schema.scheduling.WithdrawAvailabilityCommand;
import com.healthmed.schema.shared.Money;
import com.healthmed.schema.shared.Rejection;
import com.healthmed.schema.shared.RejectionReason;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A doctor's published availability and booked intervals: the consistency boundary of the booking
 * invariant. Commands on one schedule are handled one at a time (Axon locks the aggregate; the event store's
 * unique (aggregate, sequence) key is the last guard), so of two bookings of the same slot exactly one wins
 * and the other sees it and is refused with {@code slot-unavailable}.
 *
 * <p>Invariants: windows never overlap; an active booking lies on the slot grid of a window, in the future
 * (with minimum notice) and within the booking horizon; no two active bookings overlap.
 */
@Aggregate(snapshotTriggerDefinition = "scheduleSnapshotTrigger", cache = "scheduleCache")
class DoctorSchedule {

    private static final int MIN_SLOT_MINUTES = 5;
    private static final int MAX_SLOT_MINUTES = 480;
    private static final int MAX_BUFFER_MINUTES = 240;

    @AggregateIdentifier
    private String scheduleId;
    private String doctorId;
    private Money price;
    private final Map<String, Window> windows = new LinkedHashMap<>();
    private final Map<String, Booking> bookings = new LinkedHashMap<>();

    record Window(Instant start, Instant end, int slotMinutes, int bufferMinutes) {

        boolean overlaps(Instant otherStart, Instant otherEnd) {
            return start.isBefore(otherEnd) && otherStart.isBefore(end);
        }

        boolean contains(Instant from, Instant to) {
            return !from.isBefore(start) && !to.isAfter(end);
        }

        /** The slot that starts exactly at {@code at}, if the grid has one there. */
        Optional<Instant> slotEndingFor(Instant at) {
            if (at.isBefore(start)) {
                return Optional.empty();
            }
            long offset = Duration.between(start, at).toSeconds();
            long step = (slotMinutes + bufferMinutes) * 60L;
            Instant slotEnd = at.plusSeconds(slotMinutes * 60L);
            return offset % step == 0 && !slotEnd.isAfter(end) ? Optional.of(slotEnd) : Optional.empty();
        }
    }

    record Booking(String windowId, String patientId, Instant start, Instant end) {
    }

    DoctorSchedule() {
        // required by Axon to rebuild the aggregate from its events
    }

    /** Opening an already open schedule changes nothing, so provisioning may safely repeat itself. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(OpenDoctorScheduleCommand command) {
        if (doctorId == null) {
            apply(new DoctorScheduleOpenedEvent(command.doctorId(), command.consultationPrice()));
        }
    }

    @CommandHandler
    void handle(ChangeSchedulePriceCommand command) {
        if (!command.consultationPrice().equals(price)) {
            apply(new SchedulePriceChangedEvent(doctorId, command.consultationPrice()));
        }
    }

    @CommandHandler
    void handle(PublishAvailabilityCommand command, Clock clock, SchedulingPolicy policy) {
        if (command.windows() == null || command.windows().isEmpty()) {
            throw invalid("Give at least one window.");
        }
        List<AvailabilityWindowSpec> accepted = new ArrayList<>();
        for (AvailabilityWindowSpec spec : command.windows()) {
            if (windows.containsKey(spec.windowId())) {
                throw invalid("Window " + spec.windowId() + " already exists.");
            }
            var window = new Window(spec.start(), spec.end(), command.slotMinutes(), command.bufferMinutes());
            validate(window, clock.instant(), policy);
            requireNoOverlap(window, null);
            for (AvailabilityWindowSpec other : accepted) {
                if (window.overlaps(other.start(), other.end())) {
                    throw new CommandRejectedException(RejectionReason.WINDOW_OVERLAP,
                            "The windows you publish overlap each other.", List.of(other.windowId()));
                }
            }
            accepted.add(spec);
        }
        for (AvailabilityWindowSpec spec : accepted) {
            apply(new AvailabilityPublishedEvent(doctorId, spec.windowId(), spec.start(), spec.end(),
                    command.slotMinutes(), command.bufferMinutes()));
        }
    }

    @CommandHandler
    void handle(ReviseAvailabilityCommand command, Clock clock, SchedulingPolicy policy) {
        Window old = existingWindow(command.windowId());
        var revised = new Window(command.start(), command.end(), command.slotMinutes(), command.bufferMinutes());
        validate(revised, clock.instant(), policy);
        requireNoOverlap(revised, command.windowId());
        List<String> outside = bookings.entrySet().stream()
                .filter(b -> b.getValue().windowId().equals(command.windowId()))
                .filter(b -> !revised.contains(b.getValue().start(), b.getValue().end()))
                .map(Map.Entry::getKey)
                .toList();
        if (!outside.isEmpty()) {
            throw new CommandRejectedException(RejectionReason.WINDOW_HAS_BOOKINGS,
                    "The revised window leaves out booked appointments: " + String.join(", ", outside) + ".",
                    outside);
        }
        if (!old.equals(revised)) {
            apply(new AvailabilityRevisedEvent(doctorId, command.windowId(), command.start(), command.end(),
                    command.slotMinutes(), command.bufferMinutes()));
        }
    }

    @CommandHandler
    void handle(WithdrawAvailabilityCommand command) {
        existingWindow(command.windowId());
        List<String> booked = bookings.entrySet().stream()
                .filter(b -> b.getValue().windowId().equals(command.windowId()))
                .map(Map.Entry::getKey)
                .toList();
        if (!booked.isEmpty()) {
            throw new CommandRejectedException(RejectionReason.WINDOW_HAS_BOOKINGS,
                    "The window has booked appointments: " + String.join(", ", booked) + ".", booked);
        }
        apply(new AvailabilityWithdrawnEvent(doctorId, command.windowId()));
    }

    /**
     * Refusals are returned, not thrown: a thrown exception rolls the unit of work back, which evicts the
     * schedule from the cache, and every loser of a hot slot would then reload it from the event store.
     */
    @CommandHandler
    SlotBookingOutcome handle(BookSlotCommand command, Clock clock, SchedulingPolicy policy) {
        Booking existing = bookings.get(command.appointmentId());
        if (existing != null) {
            // a retried request (same appointment id): answer as the first time, never book twice
            if (existing.start().equals(command.start()) && existing.patientId().equals(command.patientId())) {
                return SlotBookingOutcome.booked(new SlotBooking(command.appointmentId(), doctorId,
                        existing.patientId(), existing.start(), existing.end(), price));
            }
            return refused(RejectionReason.IDEMPOTENCY_KEY_REUSED,
                    "This booking request id was already used for another slot.");
        }
        Instant now = clock.instant();
        Instant start = command.start();
        if (start.isBefore(now)) {
            return refused(RejectionReason.START_IN_PAST, "The slot has already started.");
        }
        if (start.isBefore(now.plus(policy.minimumNotice()))) {
            return refused(RejectionReason.TOO_SHORT_NOTICE,
                    "Slots can be booked up to " + policy.minimumNotice().toMinutes() + " minutes before they start.");
        }
        if (start.isAfter(now.plus(policy.bookingHorizon()))) {
            return refused(RejectionReason.BEYOND_BOOKING_HORIZON,
                    "Slots can be booked at most " + policy.bookingHorizon().toDays() + " days ahead.");
        }
        String windowId = null;
        Instant end = null;
        for (Map.Entry<String, Window> window : windows.entrySet()) {
            Optional<Instant> slotEnd = window.getValue().slotEndingFor(start);
            if (slotEnd.isPresent()) {
                windowId = window.getKey();
                end = slotEnd.get();
                break;
            }
        }
        if (windowId == null) {
            return refused(RejectionReason.OUTSIDE_AVAILABILITY, "The doctor offers no slot starting at " + start + ".");
        }
        for (Booking booking : bookings.values()) {
            if (booking.start().isBefore(end) && start.isBefore(booking.end())) {
                return refused(RejectionReason.SLOT_UNAVAILABLE, "This slot has just been booked by someone else.");
            }
        }
        apply(new SlotBookedEvent(doctorId, command.appointmentId(), command.patientId(), windowId, start, end, price));
        return SlotBookingOutcome.booked(new SlotBooking(command.appointmentId(), doctorId, command.patientId(),
                start, end, price));
    }

    private static SlotBookingOutcome refused(RejectionReason reason, String detail) {
        return SlotBookingOutcome.refused(new Rejection(reason, detail));
    }

    @CommandHandler
    void handle(ReleaseSlotCommand command) {
        Booking booking = bookings.get(command.appointmentId());
        if (booking != null) {
            apply(new SlotReleasedEvent(doctorId, command.appointmentId(), booking.start(), booking.end(),
                    command.reason()));
        }
    }

    private Window existingWindow(String windowId) {
        Window window = windows.get(windowId);
        if (window == null) {
            throw new CommandRejectedException(RejectionReason.NOT_FOUND, "No availability window " + windowId + ".");
        }
        return window;
    }

    private static void validate(Window window, Instant now, SchedulingPolicy policy) {
        if (window.start() == null || window.end() == null || !window.end().isAfter(window.start())) {
            throw invalid("A window must end after it starts.");
        }
        if (window.start().isBefore(now)) {
            throw invalid("A window cannot start in the past.");
        }
        Duration length = Duration.between(window.start(), window.end());
        if (length.compareTo(policy.maxWindowLength()) > 0) {
            throw invalid("A window lasts at most " + policy.maxWindowLength().toHours() + " hours.");
        }
        if (window.end().isAfter(now.plus(policy.bookingHorizon()))) {
            throw invalid("Windows can be published at most " + policy.bookingHorizon().toDays() + " days ahead.");
        }
        if (window.slotMinutes() < MIN_SLOT_MINUTES || window.slotMinutes() > MAX_SLOT_MINUTES) {
            throw invalid("Slots last between " + MIN_SLOT_MINUTES + " and " + MAX_SLOT_MINUTES + " minutes.");
        }
        if (window.bufferMinutes() < 0 || window.bufferMinutes() > MAX_BUFFER_MINUTES) {
            throw invalid("The buffer between slots is between 0 and " + MAX_BUFFER_MINUTES + " minutes.");
        }
        if (Duration.ofMinutes(window.slotMinutes()).compareTo(length) > 0) {
            throw invalid("A slot cannot be longer than its window.");
        }
    }

    private void requireNoOverlap(Window window, String exceptWindowId) {
        List<String> overlapping = windows.entrySet().stream()
                .filter(w -> !w.getKey().equals(exceptWindowId))
                .filter(w -> w.getValue().overlaps(window.start(), window.end()))
                .map(Map.Entry::getKey)
                .toList();
        if (!overlapping.isEmpty()) {
            throw new CommandRejectedException(RejectionReason.WINDOW_OVERLAP,
                    "The window overlaps published availability.", overlapping);
        }
    }

    private static CommandRejectedException invalid(String detail) {
        return new CommandRejectedException(RejectionReason.INVALID_WINDOW, detail);
    }

    @EventSourcingHandler
    void on(DoctorScheduleOpenedEvent event) {
        scheduleId = DoctorScheduleId.of(event.doctorId());
        doctorId = event.doctorId();
        price = event.consultationPrice();
    }

    @EventSourcingHandler
    void on(SchedulePriceChangedEvent event) {
        price = event.consultationPrice();
    }

    @EventSourcingHandler
    void on(AvailabilityPublishedEvent event) {
        windows.put(event.windowId(), new Window(event.start(), event.end(), event.slotMinutes(), event.bufferMinutes()));
    }

    @EventSourcingHandler
    void on(AvailabilityRevisedEvent event) {
        windows.put(event.windowId(), new Window(event.start(), event.end(), event.slotMinutes(), event.bufferMinutes()));
    }

    @EventSourcingHandler
    void on(AvailabilityWithdrawnEvent event) {
        windows.remove(event.windowId());
    }

    @EventSourcingHandler
    void on(SlotBookedEvent event) {
        bookings.put(event.appointmentId(), new Booking(event.windowId(), event.patientId(), event.start(), event.end()));
    }

    @EventSourcingHandler
    void on(SlotReleasedEvent event) {
        bookings.remove(event.appointmentId());
    }
}
