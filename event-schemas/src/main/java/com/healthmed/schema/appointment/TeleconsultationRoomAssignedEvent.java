package com.healthmed.schema.appointment;

import org.axonframework.serialization.Revision;

/** The appointment's unguessable room name (128 random bits) on the configured video provider. */
@Revision("1")
public record TeleconsultationRoomAssignedEvent(String appointmentId, String roomName) {
}
