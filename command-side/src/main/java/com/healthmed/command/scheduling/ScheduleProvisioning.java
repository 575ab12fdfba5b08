package com.healthmed.command.scheduling;

import com.healthmed.schema.doctor.ConsultationPriceChangedEvent;
import com.healthmed.schema.doctor.DoctorVerifiedEvent;
import com.healthmed.schema.scheduling.ChangeSchedulePriceCommand;
import com.healthmed.schema.scheduling.OpenDoctorScheduleCommand;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

import java.util.concurrent.TimeUnit;

/**
 * Opens a doctor's schedule when the doctor is verified and keeps its price current. Both commands are
 * idempotent, so redelivered events do no harm.
 */
@Component
@ProcessingGroup("schedule-provisioning")
@DisallowReplay
class ScheduleProvisioning {

    /** A command that takes longer fails the event, which is parked and retried, never awaited forever. */
    private static final long COMMAND_TIMEOUT_SECONDS = 10;

    private final CommandGateway commands;

    ScheduleProvisioning(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(DoctorVerifiedEvent event) {
        commands.sendAndWait(new OpenDoctorScheduleCommand(event.doctorId(), event.consultationPrice()),
                COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @EventHandler
    void on(ConsultationPriceChangedEvent event) {
        try {
            commands.sendAndWait(new ChangeSchedulePriceCommand(event.doctorId(), event.consultationPrice()),
                    COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (CommandExecutionException notVerifiedYet) {
            // no schedule yet: it opens with the price in force at verification
        }
    }
}
