package com.healthmed.schema.appointment;

public record FindAppointmentQuery(String appointmentId) {
}
