package com.healthmed.schema.patient;

import com.healthmed.schema.privacy.PersonalData;
import com.healthmed.schema.privacy.DataSubject;
import com.healthmed.schema.shared.GeoPoint;
import com.healthmed.schema.shared.Uf;
import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * A patient joined the platform. Never carries a password. {@code location} may be null. The personal data is
 * stored encrypted under the patient's key and reads back as null once the patient is erased.
 */
@Revision("1")
public record PatientRegisteredEvent(@DataSubject String patientId,
                                     @PersonalData String name,
                                     @PersonalData String cpf,
                                     @PersonalData String email,
                                     @PersonalData String phone,
                                     @PersonalData LocalDate birthDate,
                                     String city,
                                     Uf state,
                                     @PersonalData GeoPoint location) {
}
