package com.healthmed.schema.patient;

import com.healthmed.schema.shared.GeoPoint;
import com.healthmed.schema.shared.Uf;

import java.time.LocalDate;

/**
 * A patient's own profile; {@code version} grows with every change (the aggregate's sequence number). Once
 * {@code erased} (LGPD), every personal component is null.
 */
public record PatientProfileResponse(String id,
                                     String name,
                                     String cpf,
                                     String email,
                                     String phone,
                                     LocalDate birthDate,
                                     String city,
                                     Uf state,
                                     GeoPoint location,
                                     long version,
                                     boolean erased) {
}
