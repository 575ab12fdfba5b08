package com.healthmed.schema.scheduling;

import org.axonframework.serialization.Revision;

@Revision("1")
public record AvailabilityWithdrawnEvent(String doctorId, String windowId) {
}
