package com.healthmed.command.appointment.saga;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.healthmed.schema.appointment.AppointmentCancelledEvent;
import com.healthmed.schema.appointment.AppointmentRefusedEvent;
import com.healthmed.schema.appointment.AppointmentRequestExpiredEvent;
import com.healthmed.schema.appointment.RequestAppointmentCommand;
import com.healthmed.schema.scheduling.ReleaseSlotCommand;
import com.healthmed.schema.scheduling.SlotBookedEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Connects a doctor's schedule and an appointment: a booked slot becomes a requested appointment, and an
 * appointment that ends without taking place (refused, cancelled, expired) gives its slot back. Both commands
 * are idempotent (the appointment id is fixed by the booking; releasing twice is harmless).
 */
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        setterVisibility = JsonAutoDetect.Visibility.NONE)
public class AppointmentSaga {

    private transient CommandGateway commands;
    private String doctorId;

    @Autowired
    void setCommands(CommandGateway commands) {
        this.commands = commands;
    }

    @StartSaga
    @SagaEventHandler(associationProperty = "appointmentId")
    void on(SlotBookedEvent event) {
        doctorId = event.doctorId();
        commands.sendAndWait(new RequestAppointmentCommand(event.appointmentId(), event.doctorId(),
                event.patientId(), event.start(), event.end(), event.price()));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "appointmentId")
    void on(AppointmentRefusedEvent event) {
        release(event.appointmentId(), "refused");
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "appointmentId")
    void on(AppointmentCancelledEvent event) {
        release(event.appointmentId(), "cancelled");
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "appointmentId")
    void on(AppointmentRequestExpiredEvent event) {
        release(event.appointmentId(), "expired");
    }

    private void release(String appointmentId, String reason) {
        commands.sendAndWait(new ReleaseSlotCommand(doctorId, appointmentId, reason));
    }
}
