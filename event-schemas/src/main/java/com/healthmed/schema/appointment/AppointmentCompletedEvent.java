package com.healthmed.schema.appointment;

import org.axonframework.serialization.Revision;

/**
 * A confirmed consultation took place: completed by its doctor after the start ({@code byDoctor}), or by the
 * platform when the slot ended. From now on its patient may rate it.
 */
@Revision("1")
public record AppointmentCompletedEvent(String appointmentId, String doctorId, String patientId, boolean byDoctor) {
}
