package com.healthmed.schema.patient;

import com.healthmed.schema.shared.GeoPoint;
import com.healthmed.schema.shared.Uf;
import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** A patient joined the platform. Never carries a password. {@code location} may be null. */
@Revision("1")
public record PatientRegisteredEvent(String patientId,
                                     String name,
                                     String cpf,
                                     String email,
                                     String phone,
                                     LocalDate birthDate,
                                     String city,
                                     Uf state,
                                     GeoPoint location) {
}
