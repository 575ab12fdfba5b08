package com.healthmed.schema.appointment;

import org.axonframework.serialization.Revision;

/** The patient rated a completed consultation, once: 1 to 5 stars and an optional comment. */
@Revision("1")
public record AppointmentRatedEvent(String appointmentId, String doctorId, String patientId, int stars,
                                    String comment) {
}
