package com.healthmed.schema.appointment;

import org.axonframework.serialization.Revision;

@Revision("1")
public record AppointmentRefusedEvent(String appointmentId, String doctorId, String patientId, String reason) {
}
