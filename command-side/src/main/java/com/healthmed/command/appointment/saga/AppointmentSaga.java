package com.healthmed.command.appointment.saga;

import com.healthmed.schema.appointment.AppointmentCancelledEvent;
import com.healthmed.schema.appointment.AppointmentRefusedEvent;
import com.healthmed.schema.appointment.AppointmentRequestExpiredEvent;
import com.healthmed.schema.appointment.RequestAppointmentCommand;
import com.healthmed.schema.scheduling.ReleaseSlotCommand;
import com.healthmed.schema.scheduling.SlotBookedEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Connects a doctor's schedule and an appointment: a booked slot becomes a requested appointment, and an
 * appointment that ends without taking place (refused, cancelled, expired) gives its slot back.
 *
 * <p>A stateless saga: every event it reacts to carries all it needs (appointment, doctor), so it is an ordinary
 * event handler with its own processing group. That gives it what Axon's stateful sagas cannot have, a sequenced
 * dead-letter queue: when a command fails, the event is parked and retried, and the booking is completed on retry
 * (the appointment is created), never lost. Both commands are idempotent (the appointment id is fixed by the
 * booking; releasing twice is harmless), so retries and redeliveries do no harm. Not replayed: it sends commands.
 */
@Component
@ProcessingGroup(AppointmentSaga.GROUP)
@DisallowReplay
class AppointmentSaga {

    static final String GROUP = "appointment-saga";
    /** A command that takes longer than this fails the event, which is then parked and retried, not awaited forever. */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

    private final CommandGateway commands;
    private final EventStore events;

    AppointmentSaga(CommandGateway commands, EventStore events) {
        this.commands = commands;
        this.events = events;
    }

    /**
     * The booking's own request normally created the appointment already; then asking again would only load it
     * from the event store to change nothing, so one look at its last sequence number is enough.
     */
    @EventHandler
    void on(SlotBookedEvent event) {
        if (events.lastSequenceNumberFor(event.appointmentId()).isPresent()) {
            return;
        }
        send(new RequestAppointmentCommand(event.appointmentId(), event.doctorId(), event.patientId(), event.start(),
                event.end(), event.price()));
    }

    @EventHandler
    void on(AppointmentRefusedEvent event) {
        send(new ReleaseSlotCommand(event.doctorId(), event.appointmentId(), "refused"));
    }

    @EventHandler
    void on(AppointmentCancelledEvent event) {
        send(new ReleaseSlotCommand(event.doctorId(), event.appointmentId(), "cancelled"));
    }

    @EventHandler
    void on(AppointmentRequestExpiredEvent event) {
        send(new ReleaseSlotCommand(event.doctorId(), event.appointmentId(), "expired"));
    }

    private void send(Object command) {
        commands.sendAndWait(command, COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
