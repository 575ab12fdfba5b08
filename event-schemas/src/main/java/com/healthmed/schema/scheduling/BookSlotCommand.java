package com.healthmed.schema.scheduling;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Books the slot starting at {@code start} for a new appointment whose id the gateway chose. Handled by
 * the doctor's schedule, which serialises all bookings of that doctor; answers with {@link SlotBooking}.
 */
public record BookSlotCommand(String doctorId, String appointmentId, String patientId,
                              Instant start) {

    @TargetAggregateIdentifier
    public String scheduleId() {
        return DoctorScheduleId.of(doctorId);
    }
}
