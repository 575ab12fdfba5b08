package com.healthmed.schema.scheduling;

import java.time.Instant;

/** The doctor's free slots that start in {@code [from, to)}. */
public record FindDoctorAgendaQuery(String doctorId, Instant from, Instant to) {
}
