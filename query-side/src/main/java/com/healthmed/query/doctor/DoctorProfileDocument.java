package com.healthmed.query.doctor;

import com.healthmed.schema.doctor.DoctorProfileResponse;
import com.healthmed.schema.doctor.DoctorStatus;
import com.healthmed.schema.shared.Address;
import com.healthmed.schema.shared.GeoPoint;
import com.healthmed.schema.shared.Money;
import com.healthmed.schema.shared.Specialty;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.util.List;

@Document(DoctorProfileDocument.COLLECTION)
record DoctorProfileDocument(@Id String id,
                             String name,
                             String crm,
                             String email,
                             List<Specialty> specialties,
                             Money consultationPrice,
                             Address address,
                             GeoPoint location,
                             String timeZone,
                             DoctorStatus status,
                             long version) {

    static final String COLLECTION = "doctors";

    DoctorProfileResponse toResponse() {
        return new DoctorProfileResponse(id, name, crm, email, specialties, consultationPrice, address, location,
                timeZone, status, version);
    }
}
