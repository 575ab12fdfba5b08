package com.healthmed.schema.scheduling;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Replaces a window atomically; the new one must still contain every active booking of the old one. */
public record ReviseAvailabilityCommand(String doctorId, String windowId,
                                        Instant start, Instant end, int slotMinutes, int bufferMinutes) {

    @TargetAggregateIdentifier
    public String scheduleId() {
        return DoctorScheduleId.of(doctorId);
    }
}
