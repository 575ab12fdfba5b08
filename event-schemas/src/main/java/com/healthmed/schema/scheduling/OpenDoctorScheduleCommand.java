package com.healthmed.schema.scheduling;

import com.healthmed.schema.shared.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sent once a doctor is verified: from then on the doctor may publish availability and be booked. */
public record OpenDoctorScheduleCommand(String doctorId, Money consultationPrice) {

    @TargetAggregateIdentifier
    public String scheduleId() {
        return DoctorScheduleId.of(doctorId);
    }
}
