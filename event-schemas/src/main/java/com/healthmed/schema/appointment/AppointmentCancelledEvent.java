package com.healthmed.schema.appointment;

import org.axonframework.serialization.Revision;

@Revision("1")
public record AppointmentCancelledEvent(String appointmentId, String doctorId, String patientId,
                                        Participant cancelledBy, String justification) {
}
