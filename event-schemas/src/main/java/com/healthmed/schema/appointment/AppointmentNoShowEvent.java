package com.healthmed.schema.appointment;

import org.axonframework.serialization.Revision;

/** The doctor recorded, after the start, that the patient did not show up: no completion, no rating. */
@Revision("1")
public record AppointmentNoShowEvent(String appointmentId, String doctorId, String patientId) {
}
