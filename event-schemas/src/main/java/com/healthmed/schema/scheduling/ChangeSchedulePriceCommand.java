package com.healthmed.schema.scheduling;

import com.healthmed.schema.shared.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Keeps the schedule's price in step with the doctor's; new bookings snapshot it. */
public record ChangeSchedulePriceCommand(String doctorId, Money consultationPrice) {

    @TargetAggregateIdentifier
    public String scheduleId() {
        return DoctorScheduleId.of(doctorId);
    }
}
