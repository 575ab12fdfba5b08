package com.healthmed.query.patient;

import com.healthmed.schema.patient.PatientProfileResponse;
import com.healthmed.schema.shared.GeoPoint;
import com.healthmed.schema.shared.Uf;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.LocalDate;

@Document(PatientProfileDocument.COLLECTION)
record PatientProfileDocument(@Id String id,
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

    static final String COLLECTION = "patients";

    PatientProfileResponse toResponse() {
        return new PatientProfileResponse(id, name, cpf, email, phone, birthDate, city, state, location, version, erased);
    }
}
