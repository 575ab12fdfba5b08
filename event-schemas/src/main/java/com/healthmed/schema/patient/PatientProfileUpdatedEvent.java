package com.healthmed.schema.patient;

import com.healthmed.schema.shared.GeoPoint;
import com.healthmed.schema.shared.Uf;
import org.axonframework.serialization.Revision;

/** The patient's editable profile after a change: every component holds the new full value. */
@Revision("1")
public record PatientProfileUpdatedEvent(String patientId,
                                         String name,
                                         String phone,
                                         String city,
                                         Uf state,
                                         GeoPoint location) {
}
