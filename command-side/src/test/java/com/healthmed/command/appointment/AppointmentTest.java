package com.healthmed.command.appointment;

import com.healthmed.command.scheduling.SchedulingPolicy;
import com.healthmed.schema.appointment.AcceptAppointmentCommand;
import com.healthmed.schema.appointment.AppointmentAcceptedEvent;
import com.healthmed.schema.appointment.AppointmentCancelledEvent;
import com.healthmed.schema.appointment.AppointmentCompletedEvent;
import com.healthmed.schema.appointment.AppointmentNoShowEvent;
import com.healthmed.schema.appointment.AppointmentRatedEvent;
import com.healthmed.schema.appointment.AppointmentRefusedEvent;
import com.healthmed.schema.appointment.AppointmentRequestExpiredEvent;
import com.healthmed.schema.appointment.AppointmentRequestedEvent;
import com.healthmed.schema.appointment.CancelAppointmentCommand;
import com.healthmed.schema.appointment.CompleteAppointmentCommand;
import com.healthmed.schema.appointment.MarkNoShowCommand;
import com.healthmed.schema.appointment.Participant;
import com.healthmed.schema.appointment.RateAppointmentCommand;
import com.healthmed.schema.appointment.RefuseAppointmentCommand;
import com.healthmed.schema.appointment.RequestAppointmentCommand;
import com.healthmed.schema.appointment.TeleconsultationRoomAssignedEvent;
import com.healthmed.schema.shared.Money;
import com.healthmed.schema.shared.RejectionReason;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static com.healthmed.command.shared.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

class AppointmentTest {

    static final String ID = "apt-1";
    static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
    static final Instant START = Instant.parse("2026-12-04T14:00:00Z");
    static final Instant END = START.plusSeconds(50 * 60);
    static final Money PRICE = Money.brl("250.00");
    /** Default answer deadline: 48 h after the request, earlier than the start. */
    static final Instant ANSWER_BY = NOW.plus(Duration.ofHours(48));

    private AggregateTestFixture<Appointment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Appointment.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(SchedulingPolicy.defaults());
    }

    static AppointmentRequestedEvent requested(Instant answerBy) {
        return new AppointmentRequestedEvent(ID, "doctor-1", "patient-1", START, END, PRICE, answerBy);
    }

    @Test
    void aRequestGetsARandomRoomAndAnAnswerDeadline() {
        fixture.givenNoPriorActivity()
                .when(new RequestAppointmentCommand(ID, "doctor-1", "patient-1", START, END, PRICE))
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                        org.hamcrest.Matchers.equalTo(requested(ANSWER_BY)),
                        org.hamcrest.Matchers.instanceOf(TeleconsultationRoomAssignedEvent.class),
                        Matchers.andNoMore())))
                .expectScheduledDeadlineWithName(ANSWER_BY, Appointment.ANSWER_DEADLINE);
    }

    @Test
    void roomNamesCarry128RandomBits() {
        var rooms = new java.util.HashSet<String>();
        for (int i = 0; i < 50; i++) {
            var result = new AggregateTestFixture<>(Appointment.class);
            result.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
            result.registerInjectableResource(SchedulingPolicy.defaults());
            result.givenNoPriorActivity()
                    .when(new RequestAppointmentCommand("a" + i, "d", "p", START, END, PRICE))
                    .expectEventsMatching(Matchers.payloadsMatching(Matchers.listWithAnyOf(
                            new org.hamcrest.TypeSafeMatcher<Object>() {
                                @Override
                                protected boolean matchesSafely(Object item) {
                                    if (item instanceof TeleconsultationRoomAssignedEvent room) {
                                        rooms.add(room.roomName());
                                        return room.roomName().matches("healthmed-[0-9a-f]{32}");
                                    }
                                    return false;
                                }

                                @Override
                                public void describeTo(org.hamcrest.Description d) {
                                    d.appendText("a room named healthmed-<32 hex digits>");
                                }
                            })));
        }
        assertThat(rooms).hasSize(50);
    }

    @Test
    void aRequestForSoonExpiresAtTheStart() {
        Instant soon = NOW.plus(Duration.ofHours(5));
        fixture.givenNoPriorActivity()
                .when(new RequestAppointmentCommand(ID, "doctor-1", "patient-1", soon, soon.plusSeconds(3000), PRICE))
                .expectScheduledDeadlineWithName(soon, Appointment.ANSWER_DEADLINE);
    }

    @Test
    void requestingAgainChangesNothing() {
        fixture.given(requested(ANSWER_BY))
                .when(new RequestAppointmentCommand(ID, "doctor-1", "patient-1", START, END, PRICE))
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    void theDoctorAcceptsOrRefusesOnce() {
        fixture.given(requested(ANSWER_BY))
                .when(new AcceptAppointmentCommand(ID, "doctor-1"))
                .expectEvents(new AppointmentAcceptedEvent(ID, "doctor-1", "patient-1"));
        fixture.given(requested(ANSWER_BY))
                .when(new RefuseAppointmentCommand(ID, "doctor-1", "agenda changed"))
                .expectEvents(new AppointmentRefusedEvent(ID, "doctor-1", "patient-1", "agenda changed"));
        rejected(fixture.given(requested(ANSWER_BY), new AppointmentAcceptedEvent(ID, "doctor-1", "patient-1"))
                .when(new RefuseAppointmentCommand(ID, "doctor-1", null)), RejectionReason.ILLEGAL_TRANSITION);
    }

    @Test
    void onlyItsDoctorAnswers() {
        rejected(fixture.given(requested(ANSWER_BY)).when(new AcceptAppointmentCommand(ID, "doctor-2")),
                RejectionReason.NOT_YOUR_APPOINTMENT);
        rejected(fixture.given(requested(ANSWER_BY)).when(new AcceptAppointmentCommand(ID, "patient-1")),
                RejectionReason.NOT_YOUR_APPOINTMENT);
    }

    @Test
    void aPatientCancelsWithAJustification() {
        fixture.given(requested(ANSWER_BY), new AppointmentAcceptedEvent(ID, "doctor-1", "patient-1"))
                .when(new CancelAppointmentCommand(ID, "patient-1", Participant.PATIENT, "  Tenho um compromisso  "))
                .expectEvents(new AppointmentCancelledEvent(ID, "doctor-1", "patient-1", Participant.PATIENT,
                        "Tenho um compromisso"));
        rejected(fixture.given(requested(ANSWER_BY))
                        .when(new CancelAppointmentCommand(ID, "patient-1", Participant.PATIENT, "  sorry   ")),
                RejectionReason.JUSTIFICATION_REQUIRED);
        rejected(fixture.given(requested(ANSWER_BY))
                        .when(new CancelAppointmentCommand(ID, "patient-2", Participant.PATIENT, "not my appointment")),
                RejectionReason.NOT_YOUR_APPOINTMENT);
    }

    @Test
    void theDoctorMayCancelToo() {
        fixture.given(requested(ANSWER_BY))
                .when(new CancelAppointmentCommand(ID, "doctor-1", Participant.DOCTOR, null))
                .expectEvents(new AppointmentCancelledEvent(ID, "doctor-1", "patient-1", Participant.DOCTOR, null));
    }

    @Test
    void cancellingTwiceOrAfterRefusalIsIllegal() {
        var cancelled = new AppointmentCancelledEvent(ID, "doctor-1", "patient-1", Participant.PATIENT, "a reason here");
        rejected(fixture.given(requested(ANSWER_BY), cancelled)
                        .when(new CancelAppointmentCommand(ID, "patient-1", Participant.PATIENT, "again, a reason")),
                RejectionReason.ILLEGAL_TRANSITION);
        rejected(fixture.given(requested(ANSWER_BY), cancelled).when(new AcceptAppointmentCommand(ID, "doctor-1")),
                RejectionReason.ILLEGAL_TRANSITION);
        rejected(fixture.given(requested(ANSWER_BY), new AppointmentRefusedEvent(ID, "doctor-1", "patient-1", null))
                        .when(new CancelAppointmentCommand(ID, "patient-1", Participant.PATIENT, "changed my mind")),
                RejectionReason.ILLEGAL_TRANSITION);
    }

    @Test
    void anUnansweredRequestExpiresAtItsDeadline() {
        fixture.givenCommands(new RequestAppointmentCommand(ID, "doctor-1", "patient-1", START, END, PRICE))
                .whenThenTimeAdvancesTo(ANSWER_BY)
                .expectTriggeredDeadlinesWithName(Appointment.ANSWER_DEADLINE)
                .expectEvents(new AppointmentRequestExpiredEvent(ID, "doctor-1", "patient-1"));
    }

    @Test
    void anAnsweredRequestDoesNotExpire() {
        fixture.givenCommands(new RequestAppointmentCommand(ID, "doctor-1", "patient-1", START, END, PRICE),
                        new AcceptAppointmentCommand(ID, "doctor-1"))
                .whenThenTimeAdvancesTo(ANSWER_BY.plusSeconds(1))
                .expectNoEvents();
    }

    private static AggregateTestFixture<Appointment> at(Instant now) {
        var late = new AggregateTestFixture<>(Appointment.class);
        late.registerInjectableResource(Clock.fixed(now, ZoneOffset.UTC));
        late.registerInjectableResource(SchedulingPolicy.defaults());
        return late;
    }

    @Test
    void aRequestIsAnsweredOnlyBeforeItsDeadlineAndItsStart() {
        rejected(at(ANSWER_BY).given(requested(ANSWER_BY)).when(new AcceptAppointmentCommand(ID, "doctor-1")),
                RejectionReason.ANSWER_PERIOD_OVER);
        rejected(at(ANSWER_BY).given(requested(ANSWER_BY)).when(new RefuseAppointmentCommand(ID, "doctor-1", null)),
                RejectionReason.ANSWER_PERIOD_OVER);
        rejected(at(START).given(requested(START)).when(new AcceptAppointmentCommand(ID, "doctor-1")),
                RejectionReason.ANSWER_PERIOD_OVER);
        at(ANSWER_BY.minusSeconds(1)).given(requested(ANSWER_BY)).when(new AcceptAppointmentCommand(ID, "doctor-1"))
                .expectEvents(new AppointmentAcceptedEvent(ID, "doctor-1", "patient-1"));
    }

    @Test
    void thePatientCancelsOnlyBeforeTheStart() {
        var accepted = new AppointmentAcceptedEvent(ID, "doctor-1", "patient-1");
        rejected(at(START).given(requested(ANSWER_BY), accepted)
                        .when(new CancelAppointmentCommand(ID, "patient-1", Participant.PATIENT, "too late a reason")),
                RejectionReason.APPOINTMENT_STARTED);
        at(START.minusSeconds(1)).given(requested(ANSWER_BY), accepted)
                .when(new CancelAppointmentCommand(ID, "patient-1", Participant.PATIENT, "just in time reason"))
                .expectEvents(new AppointmentCancelledEvent(ID, "doctor-1", "patient-1", Participant.PATIENT,
                        "just in time reason"));
    }

    // completion, no-show and rating

    static final AppointmentAcceptedEvent ACCEPTED = new AppointmentAcceptedEvent(ID, "doctor-1", "patient-1");
    static final AppointmentCompletedEvent COMPLETED = new AppointmentCompletedEvent(ID, "doctor-1", "patient-1", true);
    static final AppointmentNoShowEvent NO_SHOW = new AppointmentNoShowEvent(ID, "doctor-1", "patient-1");

    @Test
    void acceptingSchedulesTheCompletionAtTheSlotEnd() {
        fixture.given(requested(ANSWER_BY))
                .when(new AcceptAppointmentCommand(ID, "doctor-1"))
                .expectScheduledDeadlineWithName(END, Appointment.SLOT_END_DEADLINE);
    }

    /** The answer deadline of the request fires too (before the slot ends), and finds it answered. */
    @Test
    void aConfirmedConsultationCompletesByItselfWhenItsSlotEnds() {
        fixture.givenCommands(new RequestAppointmentCommand(ID, "doctor-1", "patient-1", START, END, PRICE),
                        new AcceptAppointmentCommand(ID, "doctor-1"))
                .whenThenTimeAdvancesTo(END)
                .expectTriggeredDeadlinesWithName(Appointment.ANSWER_DEADLINE, Appointment.SLOT_END_DEADLINE)
                .expectEvents(new AppointmentCompletedEvent(ID, "doctor-1", "patient-1", false));
    }

    @Test
    void theSlotEndLeavesCancelledNoShowAndCompletedAppointmentsAsTheyAre() {
        var request = new RequestAppointmentCommand(ID, "doctor-1", "patient-1", START, END, PRICE);
        var accept = new AcceptAppointmentCommand(ID, "doctor-1");
        fixture.givenCommands(request, accept,
                        new CancelAppointmentCommand(ID, "doctor-1", Participant.DOCTOR, null))
                .whenThenTimeAdvancesTo(END.plusSeconds(1))
                .expectTriggeredDeadlinesWithName(Appointment.ANSWER_DEADLINE, Appointment.SLOT_END_DEADLINE)
                .expectNoEvents();
        // the doctor acts after the start: the business clock moves past it between the given commands
        for (Object afterStart : new Object[] {new MarkNoShowCommand(ID, "doctor-1"),
                new CompleteAppointmentCommand(ID, "doctor-1")}) {
            var now = new java.util.concurrent.atomic.AtomicReference<>(NOW);
            var fixture = new AggregateTestFixture<>(Appointment.class);
            fixture.registerInjectableResource(new Clock() {
                @Override
                public java.time.ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return now.get();
                }
            });
            fixture.registerInjectableResource(SchedulingPolicy.defaults());
            var accepted = fixture.givenCommands(request, accept);
            now.set(START.plusSeconds(60));
            accepted.andGivenCommands(afterStart)
                    .whenThenTimeAdvancesTo(END.plusSeconds(1))
                    .expectTriggeredDeadlinesWithName(Appointment.ANSWER_DEADLINE, Appointment.SLOT_END_DEADLINE)
                    .expectNoEvents();
        }
    }

    @Test
    void itsDoctorCompletesOrMarksANoShowOnlyAfterTheStart() {
        at(START).given(requested(ANSWER_BY), ACCEPTED)
                .when(new CompleteAppointmentCommand(ID, "doctor-1"))
                .expectEvents(COMPLETED);
        at(START).given(requested(ANSWER_BY), ACCEPTED)
                .when(new MarkNoShowCommand(ID, "doctor-1"))
                .expectEvents(NO_SHOW);
        rejected(at(START.minusSeconds(1)).given(requested(ANSWER_BY), ACCEPTED)
                .when(new CompleteAppointmentCommand(ID, "doctor-1")), RejectionReason.CONSULTATION_NOT_STARTED);
        rejected(at(START.minusSeconds(1)).given(requested(ANSWER_BY), ACCEPTED)
                .when(new MarkNoShowCommand(ID, "doctor-1")), RejectionReason.CONSULTATION_NOT_STARTED);
    }

    @Test
    void onlyItsDoctorCompletesOrMarksANoShow() {
        rejected(at(START).given(requested(ANSWER_BY), ACCEPTED).when(new CompleteAppointmentCommand(ID, "doctor-2")),
                RejectionReason.NOT_YOUR_APPOINTMENT);
        rejected(at(START).given(requested(ANSWER_BY), ACCEPTED).when(new CompleteAppointmentCommand(ID, "patient-1")),
                RejectionReason.NOT_YOUR_APPOINTMENT);
        rejected(at(START).given(requested(ANSWER_BY), ACCEPTED).when(new MarkNoShowCommand(ID, "doctor-2")),
                RejectionReason.NOT_YOUR_APPOINTMENT);
    }

    @Test
    void onlyAConfirmedConsultationCompletesOrIsMarkedANoShow() {
        rejected(at(START).given(requested(ANSWER_BY)).when(new CompleteAppointmentCommand(ID, "doctor-1")),
                RejectionReason.ILLEGAL_TRANSITION);
        rejected(at(START).given(requested(ANSWER_BY), ACCEPTED, COMPLETED)
                .when(new CompleteAppointmentCommand(ID, "doctor-1")), RejectionReason.ILLEGAL_TRANSITION);
        rejected(at(START).given(requested(ANSWER_BY), ACCEPTED, COMPLETED)
                .when(new MarkNoShowCommand(ID, "doctor-1")), RejectionReason.ILLEGAL_TRANSITION);
        rejected(at(START).given(requested(ANSWER_BY), ACCEPTED, NO_SHOW)
                .when(new CompleteAppointmentCommand(ID, "doctor-1")), RejectionReason.ILLEGAL_TRANSITION);
        rejected(at(START).given(requested(ANSWER_BY), ACCEPTED,
                        new AppointmentCancelledEvent(ID, "doctor-1", "patient-1", Participant.DOCTOR, null))
                .when(new MarkNoShowCommand(ID, "doctor-1")), RejectionReason.ILLEGAL_TRANSITION);
    }

    @Test
    void itsPatientRatesACompletedConsultationOnce() {
        at(END).given(requested(ANSWER_BY), ACCEPTED, COMPLETED)
                .when(new RateAppointmentCommand(ID, "patient-1", 4, "  Atenciosa e pontual.  "))
                .expectEvents(new AppointmentRatedEvent(ID, "doctor-1", "patient-1", 4, "Atenciosa e pontual."));
        at(END).given(requested(ANSWER_BY), ACCEPTED, COMPLETED)
                .when(new RateAppointmentCommand(ID, "patient-1", 5, "   "))
                .expectEvents(new AppointmentRatedEvent(ID, "doctor-1", "patient-1", 5, null));
        rejected(at(END).given(requested(ANSWER_BY), ACCEPTED, COMPLETED,
                        new AppointmentRatedEvent(ID, "doctor-1", "patient-1", 4, null))
                .when(new RateAppointmentCommand(ID, "patient-1", 5, null)), RejectionReason.APPOINTMENT_ALREADY_RATED);
    }

    @Test
    void nobodyElseRatesIt() {
        rejected(at(END).given(requested(ANSWER_BY), ACCEPTED, COMPLETED)
                .when(new RateAppointmentCommand(ID, "patient-2", 5, null)), RejectionReason.NOT_YOUR_APPOINTMENT);
        rejected(at(END).given(requested(ANSWER_BY), ACCEPTED, COMPLETED)
                .when(new RateAppointmentCommand(ID, "doctor-1", 5, null)), RejectionReason.NOT_YOUR_APPOINTMENT);
    }

    @Test
    void onlyACompletedConsultationIsRated() {
        rejected(at(START).given(requested(ANSWER_BY), ACCEPTED)
                .when(new RateAppointmentCommand(ID, "patient-1", 5, null)), RejectionReason.APPOINTMENT_NOT_COMPLETED);
        rejected(at(END).given(requested(ANSWER_BY), ACCEPTED, NO_SHOW)
                .when(new RateAppointmentCommand(ID, "patient-1", 5, null)), RejectionReason.APPOINTMENT_NOT_COMPLETED);
        rejected(at(END).given(requested(ANSWER_BY), new AppointmentRefusedEvent(ID, "doctor-1", "patient-1", null))
                .when(new RateAppointmentCommand(ID, "patient-1", 5, null)), RejectionReason.APPOINTMENT_NOT_COMPLETED);
    }

    @Test
    void aRatingComesWithinTheRatingPeriodAfterTheSlotEnd() {
        Instant lastMoment = END.plus(SchedulingPolicy.defaults().ratingPeriod());
        at(lastMoment).given(requested(ANSWER_BY), ACCEPTED, COMPLETED)
                .when(new RateAppointmentCommand(ID, "patient-1", 3, null))
                .expectEvents(new AppointmentRatedEvent(ID, "doctor-1", "patient-1", 3, null));
        rejected(at(lastMoment.plusSeconds(1)).given(requested(ANSWER_BY), ACCEPTED, COMPLETED)
                .when(new RateAppointmentCommand(ID, "patient-1", 3, null)), RejectionReason.RATING_PERIOD_OVER);
    }

    @Test
    void aRatingIsOneToFiveStarsAndAShortComment() {
        for (int stars : new int[] {0, 6, -1}) {
            rejected(at(END).given(requested(ANSWER_BY), ACCEPTED, COMPLETED)
                    .when(new RateAppointmentCommand(ID, "patient-1", stars, null)), RejectionReason.INVALID_RATING);
        }
        rejected(at(END).given(requested(ANSWER_BY), ACCEPTED, COMPLETED)
                        .when(new RateAppointmentCommand(ID, "patient-1", 5, "x".repeat(2_001))),
                RejectionReason.INVALID_RATING);
        at(END).given(requested(ANSWER_BY), ACCEPTED, COMPLETED)
                .when(new RateAppointmentCommand(ID, "patient-1", 1, "x".repeat(2_000)))
                .expectEvents(new AppointmentRatedEvent(ID, "doctor-1", "patient-1", 1, "x".repeat(2_000)));
    }
}
