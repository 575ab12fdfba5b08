package com.healthmed.schema.scheduling;

import com.healthmed.schema.shared.Money;

import java.time.Instant;

/** What a successful {@link BookSlotCommand} answers, so the client gets a complete booking at once. */
public record SlotBooking(String appointmentId, String doctorId, String patientId, Instant start, Instant end,
                          Money price) {
}
