package com.healthmed.command.appointment.saga;

import com.healthmed.schema.appointment.AppointmentAcceptedEvent;
import com.healthmed.schema.appointment.AppointmentCancelledEvent;
import com.healthmed.schema.appointment.AppointmentRefusedEvent;
import com.healthmed.schema.appointment.AppointmentRequestExpiredEvent;
import com.healthmed.schema.appointment.Participant;
import com.healthmed.schema.appointment.RequestAppointmentCommand;
import com.healthmed.schema.scheduling.ReleaseSlotCommand;
import com.healthmed.schema.scheduling.SlotBookedEvent;
import com.healthmed.schema.shared.Money;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

class AppointmentSagaTest {

    static final Instant START = Instant.parse("2026-12-04T14:00:00Z");
    static final SlotBookedEvent BOOKED = new SlotBookedEvent("doctor-1", "apt-1", "patient-1", "w1", START,
            START.plusSeconds(3000), Money.brl("250.00"));

    private SagaTestFixture<AppointmentSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(AppointmentSaga.class);
    }

    @Test
    void aBookedSlotBecomesARequestedAppointment() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(BOOKED)
                .expectActiveSagas(1)
                .expectAssociationWith("appointmentId", "apt-1")
                .expectDispatchedCommands(new RequestAppointmentCommand("apt-1", "doctor-1", "patient-1", START,
                        START.plusSeconds(3000), Money.brl("250.00")));
    }

    @Test
    void refusalReleasesTheSlotAndEnds() {
        fixture.givenAggregate("apt-1").published(BOOKED)
                .whenPublishingA(new AppointmentRefusedEvent("apt-1", "doctor-1", "patient-1", null))
                .expectActiveSagas(0)
                .expectDispatchedCommands(new ReleaseSlotCommand("doctor-1", "apt-1", "refused"));
    }

    @Test
    void cancellationReleasesTheSlotAndEnds() {
        fixture.givenAggregate("apt-1").published(BOOKED)
                .whenPublishingA(new AppointmentCancelledEvent("apt-1", "doctor-1", "patient-1", Participant.PATIENT,
                        "a good reason"))
                .expectActiveSagas(0)
                .expectDispatchedCommands(new ReleaseSlotCommand("doctor-1", "apt-1", "cancelled"));
    }

    @Test
    void expiryReleasesTheSlotAndEnds() {
        fixture.givenAggregate("apt-1").published(BOOKED)
                .whenPublishingA(new AppointmentRequestExpiredEvent("apt-1", "doctor-1", "patient-1"))
                .expectActiveSagas(0)
                .expectDispatchedCommands(new ReleaseSlotCommand("doctor-1", "apt-1", "expired"));
    }

    @Test
    void acceptanceKeepsTheSlot() {
        fixture.givenAggregate("apt-1").published(BOOKED)
                .whenPublishingA(new AppointmentAcceptedEvent("apt-1", "doctor-1", "patient-1"))
                .expectActiveSagas(1)
                .expectNoDispatchedCommands();
    }

    @Test
    void anotherAppointmentsEndDoesNotTouchThisOne() {
        fixture.givenAggregate("apt-1").published(BOOKED)
                .whenPublishingA(new AppointmentRefusedEvent("apt-2", "doctor-1", "patient-9", null))
                .expectActiveSagas(1)
                .expectNoDispatchedCommands();
    }
}
