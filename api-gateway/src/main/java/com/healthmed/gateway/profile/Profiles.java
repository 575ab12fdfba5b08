package com.healthmed.gateway.profile;

import com.healthmed.schema.doctor.DoctorProfileResponse;
import com.healthmed.schema.doctor.FindDoctorProfileQuery;
import com.healthmed.schema.patient.FindPatientProfileQuery;
import com.healthmed.schema.patient.PatientProfileResponse;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Reads profiles from the query side. */
@Component
class Profiles {

    private final QueryGateway queries;

    Profiles(QueryGateway queries) {
        this.queries = queries;
    }

    Optional<PatientProfileResponse> patient(String patientId) {
        return queries.query(new FindPatientProfileQuery(patientId),
                ResponseTypes.optionalInstanceOf(PatientProfileResponse.class)).join();
    }

    Optional<DoctorProfileResponse> doctor(String doctorId) {
        return queries.query(new FindDoctorProfileQuery(doctorId),
                ResponseTypes.optionalInstanceOf(DoctorProfileResponse.class)).join();
    }
}
