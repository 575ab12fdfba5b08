package com.healthmed.schema.appointment;

import org.axonframework.serialization.Revision;

@Revision("1")
public record AppointmentRequestExpiredEvent(String appointmentId, String doctorId, String patientId) {
}
