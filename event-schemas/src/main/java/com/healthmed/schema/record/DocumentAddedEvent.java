package com.healthmed.schema.record;

import com.healthmed.schema.privacy.DataSubject;
import org.axonframework.serialization.Revision;

@Revision("1")
public record DocumentAddedEvent(@DataSubject String patientId, StoredDocument document) {
}
