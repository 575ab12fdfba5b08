package com.healthmed.command.scheduling;

import com.healthmed.schema.scheduling.AvailabilityPublishedEvent;
import com.healthmed.schema.scheduling.AvailabilityRevisedEvent;
import com.healthmed.schema.scheduling.AvailabilityWindowSpec;
import com.healthmed.schema.scheduling.AvailabilityWithdrawnEvent;
import com.healthmed.schema.scheduling.BookSlotCommand;
import com.healthmed.schema.scheduling.ChangeSchedulePriceCommand;
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
import com.healthmed.schema.shared.RejectionReason;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static com.healthmed.command.shared.Rejections.rejected;


class DoctorScheduleTest {

    static final String DOCTOR = "doctor-1";
    static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
    /** A window tomorrow 11:00–15:00 UTC: 50-minute slots every hour (10-minute buffer). */
    static final Instant W_START = Instant.parse("2026-12-02T11:00:00Z");
    static final Instant W_END = Instant.parse("2026-12-02T15:00:00Z");
    static final Money PRICE = Money.brl("250.00");

    private AggregateTestFixture<DoctorSchedule> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(DoctorSchedule.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(SchedulingPolicy.defaults());
        fixture.registerInjectableResource(new ScheduleViews());
    }

    static DoctorScheduleOpenedEvent opened() {
        return new DoctorScheduleOpenedEvent(DOCTOR, PRICE);
    }

    static AvailabilityPublishedEvent window() {
        return new AvailabilityPublishedEvent(DOCTOR, "w1", W_START, W_END, 50, 10);
    }

    static SlotBookedEvent booked(String appointment, String patient, Instant start) {
        return new SlotBookedEvent(DOCTOR, appointment, patient, "w1", start, start.plusSeconds(50 * 60), PRICE);
    }

    private static PublishAvailabilityCommand publish(Instant start, Instant end, int slot, int buffer) {
        return new PublishAvailabilityCommand(DOCTOR, List.of(new AvailabilityWindowSpec("w2", start, end)), slot, buffer);
    }

    /** A refused booking is an answer with nothing applied (see DoctorSchedule#handle(BookSlotCommand...)). */
    static void refusedBooking(ResultValidator<?> result, RejectionReason reason) {
        result.expectSuccessfulHandlerExecution().expectNoEvents()
                .expectResultMessagePayloadMatching(new org.hamcrest.TypeSafeMatcher<Object>() {
                    @Override
                    protected boolean matchesSafely(Object item) {
                        return item instanceof SlotBookingOutcome o && o.refusal() != null
                                && o.refusal().reason() == reason && o.booking() == null;
                    }

                    @Override
                    public void describeTo(org.hamcrest.Description description) {
                        description.appendText("a booking refused for " + reason);
                    }
                });
    }

    @Test
    void aPatientHoldsAtMostFiveUpcomingBookingsWithOneDoctor() {
        var day = new AvailabilityPublishedEvent(DOCTOR, "w1", W_START, W_START.plus(Duration.ofHours(8)), 50, 10);
        List<Object> given = new java.util.ArrayList<>(List.of(opened(), day));
        for (int i = 0; i < 5; i++) {
            given.add(booked("a" + i, "p1", W_START.plus(Duration.ofHours(i))));
        }
        Instant sixth = W_START.plus(Duration.ofHours(5));
        refusedBooking(fixture.given(given).when(new BookSlotCommand(DOCTOR, "a5", "p1", sixth)),
                RejectionReason.TOO_MANY_BOOKINGS_WITH_DOCTOR);
        fixture.given(given).when(new BookSlotCommand(DOCTOR, "b1", "p2", sixth))
                .expectEvents(new SlotBookedEvent(DOCTOR, "b1", "p2", "w1", sixth, sixth.plusSeconds(50 * 60), PRICE));
        // a released booking no longer counts
        given.add(new SlotReleasedEvent(DOCTOR, "a0", W_START, W_START.plusSeconds(50 * 60), "cancelled"));
        fixture.given(given).when(new BookSlotCommand(DOCTOR, "a5", "p1", sixth))
                .expectEvents(new SlotBookedEvent(DOCTOR, "a5", "p1", "w1", sixth, sixth.plusSeconds(50 * 60), PRICE));
    }

    @Test
    void openingIsIdempotent() {
        fixture.givenNoPriorActivity()
                .when(new OpenDoctorScheduleCommand(DOCTOR, PRICE))
                .expectEvents(opened());
        fixture.given(opened())
                .when(new OpenDoctorScheduleCommand(DOCTOR, PRICE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void publishesNonOverlappingWindows() {
        var spec1 = new AvailabilityWindowSpec("a", W_START, W_START.plusSeconds(3600));
        var spec2 = new AvailabilityWindowSpec("b", W_START.plusSeconds(7200), W_END);
        fixture.given(opened())
                .when(new PublishAvailabilityCommand(DOCTOR, List.of(spec1, spec2), 50, 10))
                .expectEvents(new AvailabilityPublishedEvent(DOCTOR, "a", W_START, W_START.plusSeconds(3600), 50, 10),
                        new AvailabilityPublishedEvent(DOCTOR, "b", W_START.plusSeconds(7200), W_END, 50, 10));
    }

    @Test
    void refusesInvalidWindows() {
        rejected(fixture.given(opened()).when(publish(W_END, W_START, 50, 10)), RejectionReason.INVALID_WINDOW);
        rejected(fixture.given(opened()).when(publish(NOW.minusSeconds(3600), NOW.plusSeconds(3600), 50, 10)),
                RejectionReason.INVALID_WINDOW);
        rejected(fixture.given(opened()).when(publish(W_START, W_START.plus(Duration.ofHours(25)), 50, 10)),
                RejectionReason.INVALID_WINDOW);
        rejected(fixture.given(opened()).when(publish(NOW.plus(Duration.ofDays(95)),
                NOW.plus(Duration.ofDays(95)).plusSeconds(3600), 50, 10)), RejectionReason.INVALID_WINDOW);
        rejected(fixture.given(opened()).when(publish(W_START, W_START.plusSeconds(1800), 50, 10)),
                RejectionReason.INVALID_WINDOW);
    }

    @Test
    void refusesOverlappingWindows() {
        rejected(fixture.given(opened(), window())
                        .when(publish(W_END.minusSeconds(60), W_END.plusSeconds(3600), 50, 10)),
                RejectionReason.WINDOW_OVERLAP);
        var a = new AvailabilityWindowSpec("a", W_START, W_END);
        var b = new AvailabilityWindowSpec("b", W_START.plusSeconds(3600), W_END.plusSeconds(3600));
        rejected(fixture.given(opened()).when(new PublishAvailabilityCommand(DOCTOR, List.of(a, b), 50, 10)),
                RejectionReason.WINDOW_OVERLAP);
    }

    @Test
    void aScheduleThatWasNeverOpenedCannotBePublishedTo() {
        fixture.givenNoPriorActivity()
                .when(publish(W_START, W_END, 50, 10))
                .expectException(org.axonframework.modelling.command.AggregateNotFoundException.class);
    }

    @Test
    void booksAFreeSlotOnTheGridWithThePriceSnapshot() {
        Instant second = W_START.plusSeconds(3600);
        fixture.given(opened(), window(), new SchedulePriceChangedEvent(DOCTOR, Money.brl("300.00")))
                .when(new BookSlotCommand(DOCTOR, "apt-1", "patient-1", second))
                .expectEvents(new SlotBookedEvent(DOCTOR, "apt-1", "patient-1", "w1", second,
                        second.plusSeconds(3000), Money.brl("300.00")))
                .expectResultMessagePayload(SlotBookingOutcome.booked(new SlotBooking("apt-1", DOCTOR, "patient-1", second,
                        second.plusSeconds(3000), Money.brl("300.00"))));
    }

    @Test
    void aTakenSlotIsUnavailable() {
        refusedBooking(fixture.given(opened(), window(), booked("apt-1", "patient-1", W_START))
                .when(new BookSlotCommand(DOCTOR, "apt-2", "patient-2", W_START)), RejectionReason.SLOT_UNAVAILABLE);
    }

    @Test
    void aReleasedSlotCanBeBookedAgain() {
        fixture.given(opened(), window(), booked("apt-1", "patient-1", W_START),
                        new SlotReleasedEvent(DOCTOR, "apt-1", W_START, W_START.plusSeconds(3000), "cancelled"))
                .when(new BookSlotCommand(DOCTOR, "apt-2", "patient-2", W_START))
                .expectEvents(booked("apt-2", "patient-2", W_START));
    }

    @Test
    void aRetriedBookingAnswersTheSameAndBooksNothing() {
        fixture.given(opened(), window(), booked("apt-1", "patient-1", W_START))
                .when(new BookSlotCommand(DOCTOR, "apt-1", "patient-1", W_START))
                .expectNoEvents()
                .expectResultMessagePayload(SlotBookingOutcome.booked(new SlotBooking("apt-1", DOCTOR, "patient-1", W_START,
                        W_START.plusSeconds(3000), PRICE)));
        refusedBooking(fixture.given(opened(), window(), booked("apt-1", "patient-1", W_START))
                        .when(new BookSlotCommand(DOCTOR, "apt-1", "patient-1", W_START.plusSeconds(3600))),
                RejectionReason.IDEMPOTENCY_KEY_REUSED);
    }

    @Test
    void refusesStartsOffTheGridOrOutsideWindows() {
        refusedBooking(fixture.given(opened(), window())
                .when(new BookSlotCommand(DOCTOR, "a", "p", W_START.plusSeconds(600))), RejectionReason.OUTSIDE_AVAILABILITY);
        refusedBooking(fixture.given(opened(), window())
                .when(new BookSlotCommand(DOCTOR, "a", "p", W_END)), RejectionReason.OUTSIDE_AVAILABILITY);
        // 14:00 + 50 min fits; the grid's next start, 15:00, is the window's end
        refusedBooking(fixture.given(opened(), window())
                .when(new BookSlotCommand(DOCTOR, "a", "p", W_START.minusSeconds(3600))), RejectionReason.OUTSIDE_AVAILABILITY);
    }

    @Test
    void refusesStartsOffTheGridByAFractionOfASecond() {
        // Duration.toSeconds() truncates: a start 1 ns off the grid used to be booked, overlapping two slots
        for (Instant offGrid : List.of(W_START.plusNanos(1), W_START.plusMillis(500), W_START.plusSeconds(3600).minusNanos(1))) {
            refusedBooking(fixture.given(opened(), window()).when(new BookSlotCommand(DOCTOR, "a", "p", offGrid)),
                    RejectionReason.OUTSIDE_AVAILABILITY);
        }
    }

    @Test
    void refusesPastTooSoonAndTooFar() {
        var soon = new AvailabilityPublishedEvent(DOCTOR, "w0", NOW.plusSeconds(1800), NOW.plusSeconds(7200), 30, 0);
        refusedBooking(fixture.given(opened(), soon).when(new BookSlotCommand(DOCTOR, "a", "p", NOW.plusSeconds(1800))),
                RejectionReason.TOO_SHORT_NOTICE);
        refusedBooking(fixture.given(opened(), window()).when(new BookSlotCommand(DOCTOR, "a", "p", NOW.minusSeconds(60))),
                RejectionReason.START_IN_PAST);
        refusedBooking(fixture.given(opened(), window()).when(new BookSlotCommand(DOCTOR, "a", "p",
                NOW.plus(Duration.ofDays(91)))), RejectionReason.BEYOND_BOOKING_HORIZON);
    }

    @Test
    void revisionMustKeepEveryBooking() {
        Instant last = W_START.plusSeconds(3 * 3600);
        var withBooking = new Object[]{opened(), window(), booked("apt-1", "p", last)};
        rejected(fixture.given(withBooking)
                .when(new ReviseAvailabilityCommand(DOCTOR, "w1", W_START, W_START.plusSeconds(7200), 50, 10)),
                RejectionReason.WINDOW_HAS_BOOKINGS);
        fixture.given(withBooking)
                .when(new ReviseAvailabilityCommand(DOCTOR, "w1", W_START.plusSeconds(7200), W_END, 25, 5))
                .expectEvents(new AvailabilityRevisedEvent(DOCTOR, "w1", W_START.plusSeconds(7200), W_END, 25, 5));
    }

    @Test
    void withdrawalNeedsNoActiveBooking() {
        rejected(fixture.given(opened(), window(), booked("apt-1", "p", W_START))
                .when(new WithdrawAvailabilityCommand(DOCTOR, "w1")), RejectionReason.WINDOW_HAS_BOOKINGS);
        fixture.given(opened(), window(), booked("apt-1", "p", W_START),
                        new SlotReleasedEvent(DOCTOR, "apt-1", W_START, W_START.plusSeconds(3000), "refused"))
                .when(new WithdrawAvailabilityCommand(DOCTOR, "w1"))
                .expectEvents(new AvailabilityWithdrawnEvent(DOCTOR, "w1"));
        rejected(fixture.given(opened()).when(new WithdrawAvailabilityCommand(DOCTOR, "nope")),
                RejectionReason.NOT_FOUND);
    }

    @Test
    void releasingIsIdempotent() {
        fixture.given(opened(), window(), booked("apt-1", "p", W_START))
                .when(new ReleaseSlotCommand(DOCTOR, "apt-1", "refused"))
                .expectEvents(new SlotReleasedEvent(DOCTOR, "apt-1", W_START, W_START.plusSeconds(3000), "refused"));
        fixture.given(opened(), window())
                .when(new ReleaseSlotCommand(DOCTOR, "apt-1", "refused"))
                .expectNoEvents();
    }

    @Test
    void priceChangesOnlyWhenDifferent() {
        fixture.given(opened()).when(new ChangeSchedulePriceCommand(DOCTOR, Money.brl("300.00")))
                .expectEvents(new SchedulePriceChangedEvent(DOCTOR, Money.brl("300.00")));
        fixture.given(opened()).when(new ChangeSchedulePriceCommand(DOCTOR, PRICE)).expectNoEvents();
    }

    // --- the schedule keeps only what can still matter ---

    /** A schedule seen the day after {@link #W_END}: the window and its booking have ended. */
    private AggregateTestFixture<DoctorSchedule> dayAfter() {
        var later = new AggregateTestFixture<>(DoctorSchedule.class);
        later.registerInjectableResource(Clock.fixed(Instant.parse("2026-12-03T09:00:00Z"), ZoneOffset.UTC));
        later.registerInjectableResource(SchedulingPolicy.defaults());
        later.registerInjectableResource(new ScheduleViews());
        return later;
    }

    private static final Instant TOMORROW_OF_DAY_AFTER = Instant.parse("2026-12-04T11:00:00Z");

    private static AvailabilityPublishedEvent laterWindow() {
        return new AvailabilityPublishedEvent(DOCTOR, "w3", TOMORROW_OF_DAY_AFTER, TOMORROW_OF_DAY_AFTER.plusSeconds(4 * 3600), 50, 10);
    }

    @Test
    void aBookingRetiresTheWindowsAndBookingsThatHaveEnded() {
        Instant dayAfterNow = Instant.parse("2026-12-03T09:00:00Z");
        dayAfter().given(opened(), window(), booked("apt-1", "p", W_START), laterWindow())
                .when(new BookSlotCommand(DOCTOR, "apt-2", "p", TOMORROW_OF_DAY_AFTER))
                .expectEvents(new ScheduleHistoryPrunedEvent(DOCTOR, dayAfterNow, List.of("w1"), List.of("apt-1")),
                        new SlotBookedEvent(DOCTOR, "apt-2", "p", "w3", TOMORROW_OF_DAY_AFTER,
                                TOMORROW_OF_DAY_AFTER.plusSeconds(3000), PRICE));
    }

    @Test
    void nothingIsRetiredWhileItCanStillMatter() {
        // the window is running and its 11:00 booking is under way: both stay
        var during = new AggregateTestFixture<>(DoctorSchedule.class);
        during.registerInjectableResource(Clock.fixed(W_START.plusSeconds(600), ZoneOffset.UTC));
        during.registerInjectableResource(SchedulingPolicy.defaults());
        during.registerInjectableResource(new ScheduleViews());
        Instant later = W_START.plusSeconds(3 * 3600);
        during.given(opened(), window(), booked("apt-1", "p", W_START))
                .when(new BookSlotCommand(DOCTOR, "apt-2", "p", later))
                .expectEvents(booked("apt-2", "p", later));
    }

    @Test
    void aRefusedBookingRetiresNothing() {
        refusedBooking(dayAfter().given(opened(), window(), booked("apt-1", "p", W_START), laterWindow())
                        .when(new BookSlotCommand(DOCTOR, "apt-2", "p", TOMORROW_OF_DAY_AFTER.plusSeconds(60))),
                RejectionReason.OUTSIDE_AVAILABILITY);
    }

    @Test
    void aRetriedBookingOfAnEndedAppointmentIsAnsweredAsPast() {
        // ended bookings are history, retired or not: the same answer before and after the pruning event
        var booking = new BookSlotCommand(DOCTOR, "apt-1", "p", W_START);
        refusedBooking(dayAfter().given(opened(), window(), booked("apt-1", "p", W_START)).when(booking),
                RejectionReason.START_IN_PAST);
        refusedBooking(dayAfter().given(opened(), window(), booked("apt-1", "p", W_START),
                new ScheduleHistoryPrunedEvent(DOCTOR, Instant.parse("2026-12-03T08:00:00Z"), List.of("w1"),
                        List.of("apt-1"))).when(booking), RejectionReason.START_IN_PAST);
    }

    @Test
    void retiredWindowsAndBookingsAreGoneAfterReplay() {
        var retired = new ScheduleHistoryPrunedEvent(DOCTOR, Instant.parse("2026-12-03T08:00:00Z"), List.of("w1"),
                List.of("apt-1"));
        rejected(dayAfter().given(opened(), window(), booked("apt-1", "p", W_START), retired)
                .when(new WithdrawAvailabilityCommand(DOCTOR, "w1")), RejectionReason.NOT_FOUND);
        dayAfter().given(opened(), window(), booked("apt-1", "p", W_START), retired)
                .when(new ReleaseSlotCommand(DOCTOR, "apt-1", "expired"))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        // a retired window id is free again; the retirement commits with the publication
        dayAfter().given(opened(), window(), booked("apt-1", "p", W_START))
                .when(new PublishAvailabilityCommand(DOCTOR, List.of(new AvailabilityWindowSpec("w1",
                        TOMORROW_OF_DAY_AFTER, TOMORROW_OF_DAY_AFTER.plusSeconds(3600))), 50, 10))
                .expectEvents(new ScheduleHistoryPrunedEvent(DOCTOR, Instant.parse("2026-12-03T09:00:00Z"),
                                List.of("w1"), List.of("apt-1")),
                        new AvailabilityPublishedEvent(DOCTOR, "w1", TOMORROW_OF_DAY_AFTER,
                                TOMORROW_OF_DAY_AFTER.plusSeconds(3600), 50, 10));
    }

    @Test
    void aRefusedChangeDoesNotRetireEither() {
        rejected(dayAfter().given(opened(), window(), booked("apt-1", "p", W_START), laterWindow())
                .when(new WithdrawAvailabilityCommand(DOCTOR, "nope")), RejectionReason.NOT_FOUND);
    }
}
