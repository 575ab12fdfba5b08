package com.healthmed.gateway.appointment;

import com.healthmed.gateway.problem.Problems;
import com.healthmed.gateway.security.CurrentUser;
import com.healthmed.schema.appointment.AppointmentResponse;
import com.healthmed.schema.appointment.FindAppointmentQuery;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Reads appointments for their participants; to anyone else an appointment does not exist. */
@Component
class Appointments {

    private final QueryGateway queries;

    Appointments(QueryGateway queries) {
        this.queries = queries;
    }

    Optional<AppointmentResponse> find(String appointmentId) {
        return queries.query(new FindAppointmentQuery(appointmentId),
                ResponseTypes.optionalInstanceOf(AppointmentResponse.class)).join();
    }

    AppointmentResponse ofParticipant(String appointmentId, CurrentUser user) {
        return find(appointmentId)
                .filter(a -> a.patientId().equals(user.id()) || a.doctorId().equals(user.id()))
                .orElseThrow(() -> Problems.notFound("No appointment " + appointmentId + "."));
    }
}
