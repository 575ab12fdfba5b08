package com.healthmed.schema.scheduling;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Publishes concrete windows, each cut into consecutive slots of {@code slotMinutes} separated by {@code bufferMinutes}. */
public record PublishAvailabilityCommand(String doctorId,
                                         List<AvailabilityWindowSpec> windows,
                                         int slotMinutes,
                                         int bufferMinutes) {

    @TargetAggregateIdentifier
    public String scheduleId() {
        return DoctorScheduleId.of(doctorId);
    }
}
