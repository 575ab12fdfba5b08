package com.healthmed.schema.patient;

import com.healthmed.schema.privacy.PersonalData;
import com.healthmed.schema.privacy.DataSubject;
import com.healthmed.schema.shared.GeoPoint;
import org.axonframework.serialization.Revision;

/**
 * The patient's editable profile after a change: every component holds the new full value.
 *
 * <p>Revision 2 groups where the patient lives ({@code residence}: city and state); revision 1 had {@code city}
 * and {@code state} side by side at the top level. Stored revision-1 events are upcast on reading (the
 * {@code event-processing} module's {@code PatientProfileUpdatedUpcaster}), so aggregates and projections only
 * ever see this shape.
 */
@Revision("2")
public record PatientProfileUpdatedEvent(@DataSubject String patientId,
                                         @PersonalData String name,
                                         @PersonalData String phone,
                                         Residence residence,
                                         @PersonalData GeoPoint location) {
}
