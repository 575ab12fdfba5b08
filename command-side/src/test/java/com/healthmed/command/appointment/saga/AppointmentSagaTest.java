package com.healthmed.command.appointment.saga;

import com.healthmed.schema.appointment.AppointmentCancelledEvent;
import com.healthmed.schema.appointment.AppointmentRefusedEvent;
import com.healthmed.schema.appointment.AppointmentRequestExpiredEvent;
import com.healthmed.schema.appointment.Participant;
import com.healthmed.schema.appointment.RequestAppointmentCommand;
import com.healthmed.schema.scheduling.ReleaseSlotCommand;
import com.healthmed.schema.scheduling.SlotBookedEvent;
import com.healthmed.schema.shared.Money;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

class AppointmentSagaTest {

    static final Instant START = Instant.parse("2026-12-04T14:00:00Z");
    static final SlotBookedEvent BOOKED = new SlotBookedEvent("doctor-1", "apt-1", "patient-1", "w1", START,
            START.plusSeconds(3000), Money.brl("250.00"));

    private final CommandGateway commands = mock(CommandGateway.class);
    private final EventStore events = mock(EventStore.class);
    private final AppointmentSaga saga = new AppointmentSaga(commands, events);

    @BeforeEach
    void noAppointmentYet() {
        when(events.lastSequenceNumberFor(anyString())).thenReturn(Optional.empty());
    }

    @Test
    void aBookedSlotBecomesARequestedAppointment() {
        saga.on(BOOKED);
        verify(commands).sendAndWait(eq(new RequestAppointmentCommand("apt-1", "doctor-1", "patient-1", START,
                START.plusSeconds(3000), Money.brl("250.00"))), eq(AppointmentSaga.COMMAND_TIMEOUT.toMillis()),
                eq(TimeUnit.MILLISECONDS));
    }

    @Test
    void anAppointmentTheBookingAlreadyRequestedIsNotRequestedAgain() {
        when(events.lastSequenceNumberFor("apt-1")).thenReturn(Optional.of(1L));
        saga.on(BOOKED);
        verifyNoInteractions(commands);
    }

    @Test
    void refusalReleasesTheSlot() {
        saga.on(new AppointmentRefusedEvent("apt-1", "doctor-1", "patient-1", null));
        verifyReleased("refused");
    }

    @Test
    void cancellationReleasesTheSlot() {
        saga.on(new AppointmentCancelledEvent("apt-1", "doctor-1", "patient-1", Participant.PATIENT, "a good reason"));
        verifyReleased("cancelled");
    }

    @Test
    void expiryReleasesTheSlot() {
        saga.on(new AppointmentRequestExpiredEvent("apt-1", "doctor-1", "patient-1"));
        verifyReleased("expired");
    }

    /** The failure must reach the processor, whose dead-letter queue then parks the event for a retry. */
    @Test
    void aFailedCommandFailsTheEventInsteadOfSwallowingIt() {
        when(commands.sendAndWait(any(), anyLong(), any())).thenThrow(new CommandExecutionException("timed out", null));
        assertThatThrownBy(() -> saga.on(BOOKED)).isInstanceOf(CommandExecutionException.class);
    }

    private void verifyReleased(String reason) {
        verify(commands).sendAndWait(eq(new ReleaseSlotCommand("doctor-1", "apt-1", reason)),
                eq(AppointmentSaga.COMMAND_TIMEOUT.toMillis()), eq(TimeUnit.MILLISECONDS));
    }
}
