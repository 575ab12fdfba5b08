package com.healthmed.schema.scheduling;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Removes a window that has no active booking. */
public record WithdrawAvailabilityCommand(String doctorId, String windowId) {

    @TargetAggregateIdentifier
    public String scheduleId() {
        return DoctorScheduleId.of(doctorId);
    }
}
