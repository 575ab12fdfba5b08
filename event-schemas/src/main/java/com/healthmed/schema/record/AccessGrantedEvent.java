package com.healthmed.schema.record;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

@Revision("1")
public record AccessGrantedEvent(String patientId, String grantId, String doctorId, List<String> documentIds,
                                 List<DocumentGroup> groups, Instant validUntil) {
}
