package com.healthmed.schema.record;

import org.axonframework.serialization.Revision;

@Revision("1")
public record AccessRevokedEvent(String patientId, String grantId) {
}
