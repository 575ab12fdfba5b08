package com.healthmed.schema.scheduling;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Frees an appointment's slot (refused, cancelled or expired request); releasing twice is harmless. */
public record ReleaseSlotCommand(String doctorId, String appointmentId, String reason) {

    @TargetAggregateIdentifier
    public String scheduleId() {
        return DoctorScheduleId.of(doctorId);
    }
}
