package com.healthmed.command.scheduling;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
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
import com.healthmed.schema.scheduling.ScheduleHistoryPrunedEvent;
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
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A doctor's published availability and booked intervals: the consistency boundary of the booking
 * invariant. Commands on one schedule are handled one at a time (Axon locks the aggregate; the event store's
 * unique (aggregate, sequence) key is the last guard), so of two bookings of the same slot exactly one wins
 * and the other sees it and is refused with {@code slot-unavailable}.
 *
 * <p>Invariants: windows never overlap; an active booking lies on the slot grid of a window, in the future
 * (with minimum notice) and within the booking horizon; no two active bookings overlap.
 *
 * <p>The state stays small: a command that changes the schedule first retires the windows and bookings that
 * have ended ({@link ScheduleHistoryPrunedEvent}), so the state holds only what can still matter, whatever the
 * doctor's history. Windows and bookings are kept by start (neither ever overlap among themselves), so a
 * booking looks at one window and one neighbouring booking, not at all of them.
 *
 * <p>Snapshots are taken with the Jackson serializer, which reads and writes the fields directly.
 */
@Aggregate(snapshotTriggerDefinition = "scheduleSnapshotTrigger", cache = "scheduleCache")
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
class DoctorSchedule {

    private static final int MIN_SLOT_MINUTES = 5;
    private static final int MAX_SLOT_MINUTES = 480;
    private static final int MAX_BUFFER_MINUTES = 240;

    @AggregateIdentifier
    private String scheduleId;
    private String doctorId;
    private Money price;
    private Map<String, Window> windows = new HashMap<>();
    /** Window ids by window start. */
    private TreeMap<Instant, String> windowsByStart = new TreeMap<>();
    private Map<String, Booking> bookings = new HashMap<>();
    /** Appointment ids by booking start. */
    private TreeMap<Instant, String> bookingsByStart = new TreeMap<>();

    record Window(Instant start, Instant end, int slotMinutes, int bufferMinutes) {

        boolean overlaps(Instant otherStart, Instant otherEnd) {
            return start.isBefore(otherEnd) && otherStart.isBefore(end);
        }

        boolean contains(Instant from, Instant to) {
            return !from.isBefore(start) && !to.isAfter(end);
        }

        /** The slot that starts exactly at {@code at}, if the grid has one there (to the nanosecond). */
        Optional<Instant> slotEndingFor(Instant at) {
            if (at.isBefore(start)) {
                return Optional.empty();
            }
            Duration offset = Duration.between(start, at);
            long stepSeconds = (slotMinutes + bufferMinutes) * 60L;
            Instant slotEnd = at.plusSeconds(slotMinutes * 60L);
            boolean onGrid = offset.getNano() == 0 && offset.getSeconds() % stepSeconds == 0;
            return onGrid && !slotEnd.isAfter(end) ? Optional.of(slotEnd) : Optional.empty();
        }
    }

    record Booking(String windowId, String patientId, Instant start, Instant end) {
    }

    DoctorSchedule() {
        // required by Axon to rebuild the aggregate from its events (and by Jackson to restore a snapshot)
    }

    /** A copy that shares nothing mutable with this one (windows and bookings are immutable records). */
    private DoctorSchedule copy() {
        var copy = new DoctorSchedule();
        copy.scheduleId = scheduleId;
        copy.doctorId = doctorId;
        copy.price = price;
        copy.windows = new HashMap<>(windows);
        copy.windowsByStart = new TreeMap<>(windowsByStart);
        copy.bookings = new HashMap<>(bookings);
        copy.bookingsByStart = new TreeMap<>(bookingsByStart);
        return copy;
    }

    /**
     * Keeps this node's published copy of the schedule ({@link ScheduleViews}) never newer nor older than what this
     * node committed: withdrawn before any command's commit reaches the store, published again (a copy of the state
     * the command leaves) once it has committed. Both run under the aggregate's lock, in the order of the commits.
     * A command that fails commits nothing and leaves the published copy as current as it was.
     */
    @CommandHandlerInterceptor
    Object keepViewCurrent(CommandMessage<?> command, InterceptorChain chain, ScheduleViews views) throws Exception {
        Object result = chain.proceed();
        String id = scheduleId;
        Long version = AggregateLifecycle.getVersion();
        if (id != null && version != null) {
            DoctorSchedule copy = copy();
            UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
            unitOfWork.onPrepareCommit(u -> views.withdraw(id));
            unitOfWork.afterCommit(u -> views.publish(id, copy, version));
        }
        return result;
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
        Instant now = clock.instant();
        retireEnded(now);
        List<AvailabilityWindowSpec> accepted = new ArrayList<>();
        for (AvailabilityWindowSpec spec : command.windows()) {
            if (windows.containsKey(spec.windowId())) {
                throw invalid("Window " + spec.windowId() + " already exists.");
            }
            var window = new Window(spec.start(), spec.end(), command.slotMinutes(), command.bufferMinutes());
            validate(window, now, policy);
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
        Instant now = clock.instant();
        retireEnded(now);
        Window old = existingWindow(command.windowId());
        var revised = new Window(command.start(), command.end(), command.slotMinutes(), command.bufferMinutes());
        validate(revised, now, policy);
        requireNoOverlap(revised, command.windowId());
        List<String> outside = bookingsIn(command.windowId(), old).stream()
                .filter(id -> !revised.contains(bookings.get(id).start(), bookings.get(id).end()))
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
    void handle(WithdrawAvailabilityCommand command, Clock clock) {
        retireEnded(clock.instant());
        Window window = existingWindow(command.windowId());
        List<String> booked = bookingsIn(command.windowId(), window);
        if (!booked.isEmpty()) {
            throw new CommandRejectedException(RejectionReason.WINDOW_HAS_BOOKINGS,
                    "The window has booked appointments: " + String.join(", ", booked) + ".", booked);
        }
        apply(new AvailabilityWithdrawnEvent(doctorId, command.windowId()));
    }

    /**
     * Refusals are returned, not thrown: a thrown exception rolls the unit of work back, which evicts the
     * schedule from the cache, and every loser of a hot slot would then reload it from the event store. For
     * the same reason a refusal applies nothing, not even the retirement of ended history.
     */
    @CommandHandler
    SlotBookingOutcome handle(BookSlotCommand command, Clock clock, SchedulingPolicy policy) {
        Instant now = clock.instant();
        BookingDecision decision = decide(command, now, policy);
        if (decision.answer() != null) {
            return decision.answer();
        }
        retireEnded(now);
        apply(new SlotBookedEvent(doctorId, command.appointmentId(), command.patientId(), decision.windowId(),
                command.start(), decision.end(), price));
        return SlotBookingOutcome.booked(new SlotBooking(command.appointmentId(), doctorId, command.patientId(),
                command.start(), decision.end(), price));
    }

    /**
     * What a booking decides on this state: an answer that books nothing (a refusal, or a retry's first answer), or
     * the window and end of the slot to book. Reads the state only, so the fast refusal path
     * ({@link HotScheduleRefusals}) runs the very same rules on a published copy.
     */
    record BookingDecision(SlotBookingOutcome answer, String windowId, Instant end) {

        static BookingDecision answered(SlotBookingOutcome answer) {
            return new BookingDecision(answer, null, null);
        }
    }

    BookingDecision decide(BookSlotCommand command, Instant now, SchedulingPolicy policy) {
        Booking existing = bookings.get(command.appointmentId());
        // an ended booking is history, as if already retired: the retried request is answered like a new one
        if (existing != null && existing.end().isAfter(now)) {
            // a retried request (same appointment id): answer as the first time, never book twice
            if (existing.start().equals(command.start()) && existing.patientId().equals(command.patientId())) {
                return BookingDecision.answered(SlotBookingOutcome.booked(new SlotBooking(command.appointmentId(),
                        doctorId, existing.patientId(), existing.start(), existing.end(), price)));
            }
            return refused(RejectionReason.IDEMPOTENCY_KEY_REUSED,
                    "This booking request id was already used for another slot.");
        }
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
        // windows never overlap, so only the last one starting at or before the slot can hold it
        Map.Entry<Instant, String> candidate = windowsByStart.floorEntry(start);
        Optional<Instant> slotEnd = candidate == null ? Optional.empty()
                : windows.get(candidate.getValue()).slotEndingFor(start);
        if (slotEnd.isEmpty()) {
            return refused(RejectionReason.OUTSIDE_AVAILABILITY, "The doctor offers no slot starting at " + start + ".");
        }
        Instant end = slotEnd.get();
        // bookings never overlap, so the last one starting before the slot's end ends latest among them
        Map.Entry<Instant, String> previous = bookingsByStart.lowerEntry(end);
        if (previous != null && bookings.get(previous.getValue()).end().isAfter(start)) {
            return refused(RejectionReason.SLOT_UNAVAILABLE, "This slot has just been booked by someone else.");
        }
        if (upcomingBookingsOf(command.patientId(), now) >= policy.maxUpcomingBookingsPerPatient()) {
            return refused(RejectionReason.TOO_MANY_BOOKINGS_WITH_DOCTOR, "You already hold "
                    + policy.maxUpcomingBookingsPerPatient() + " upcoming bookings with this doctor.");
        }
        return new BookingDecision(null, candidate.getValue(), end);
    }

    /** Decided here, in the schedule's own order of commands, so simultaneous requests cannot both slip under it. */
    private long upcomingBookingsOf(String patientId, Instant now) {
        return bookings.values().stream().filter(b -> b.patientId().equals(patientId) && b.end().isAfter(now)).count();
    }

    private static BookingDecision refused(RejectionReason reason, String detail) {
        return BookingDecision.answered(SlotBookingOutcome.refused(new Rejection(reason, detail)));
    }

    @CommandHandler
    void handle(ReleaseSlotCommand command) {
        Booking booking = bookings.get(command.appointmentId());
        if (booking != null) {
            apply(new SlotReleasedEvent(doctorId, command.appointmentId(), booking.start(), booking.end(),
                    command.reason()));
        }
    }

    /**
     * Retires the windows and bookings that ended at or before {@code now}: they can no longer take part in a
     * decision (nothing is booked, published or revised in the past). Both are ordered by start and never
     * overlap, so the ended ones are a prefix, and finding them costs only what is retired.
     */
    private void retireEnded(Instant now) {
        List<String> endedWindows = endedPrefix(windowsByStart, id -> windows.get(id).end(), now);
        List<String> endedBookings = endedPrefix(bookingsByStart, id -> bookings.get(id).end(), now);
        if (!endedWindows.isEmpty() || !endedBookings.isEmpty()) {
            apply(new ScheduleHistoryPrunedEvent(doctorId, now, endedWindows, endedBookings));
        }
    }

    private static List<String> endedPrefix(NavigableMap<Instant, String> byStart,
                                            java.util.function.Function<String, Instant> endOf, Instant now) {
        List<String> ended = new ArrayList<>();
        for (String id : byStart.headMap(now, false).values()) {
            if (endOf.apply(id).isAfter(now)) {
                break;
            }
            ended.add(id);
        }
        return ended;
    }

    /** The bookings held by a window: they all lie inside it, and no other window's do. */
    private List<String> bookingsIn(String windowId, Window window) {
        return bookingsByStart.subMap(window.start(), true, window.end(), false).values().stream()
                .filter(id -> bookings.get(id).windowId().equals(windowId))
                .toList();
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
        // windows never overlap, so those starting before this one's end are ordered by end as well
        List<String> overlapping = new ArrayList<>();
        for (String id : windowsByStart.headMap(window.end(), false).descendingMap().values()) {
            if (!windows.get(id).end().isAfter(window.start())) {
                break;
            }
            if (!id.equals(exceptWindowId)) {
                overlapping.add(id);
            }
        }
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
        putWindow(event.windowId(), new Window(event.start(), event.end(), event.slotMinutes(), event.bufferMinutes()));
    }

    @EventSourcingHandler
    void on(AvailabilityRevisedEvent event) {
        putWindow(event.windowId(), new Window(event.start(), event.end(), event.slotMinutes(), event.bufferMinutes()));
    }

    @EventSourcingHandler
    void on(AvailabilityWithdrawnEvent event) {
        removeWindow(event.windowId());
    }

    @EventSourcingHandler
    void on(SlotBookedEvent event) {
        bookings.put(event.appointmentId(), new Booking(event.windowId(), event.patientId(), event.start(), event.end()));
        bookingsByStart.put(event.start(), event.appointmentId());
    }

    @EventSourcingHandler
    void on(SlotReleasedEvent event) {
        removeBooking(event.appointmentId());
    }

    @EventSourcingHandler
    void on(ScheduleHistoryPrunedEvent event) {
        event.windowIds().forEach(this::removeWindow);
        event.appointmentIds().forEach(this::removeBooking);
    }

    private void putWindow(String windowId, Window window) {
        removeWindow(windowId);
        windows.put(windowId, window);
        windowsByStart.put(window.start(), windowId);
    }

    private void removeWindow(String windowId) {
        Window window = windows.remove(windowId);
        if (window != null) {
            windowsByStart.remove(window.start(), windowId);
        }
    }

    private void removeBooking(String appointmentId) {
        Booking booking = bookings.remove(appointmentId);
        if (booking != null) {
            bookingsByStart.remove(booking.start(), appointmentId);
        }
    }
}
