package com.healthmed.schema.appointment;

/** A participant's own appointments, newest start first; {@code status} may be null (all). */
public record FindAppointmentsQuery(String userId, Participant as, AppointmentStatus status, int page, int size) {
}
