package com.healthmed.gateway.appointment;

import com.healthmed.schema.appointment.AppointmentRating;
import com.healthmed.schema.appointment.AppointmentResponse;
import com.healthmed.schema.appointment.AppointmentStatus;
import com.healthmed.schema.appointment.Participant;
import com.healthmed.schema.shared.Money;

import java.time.Instant;

/**
 * An appointment as its participants see it (the room name is only given out by the teleconsultation endpoint);
 * {@code rating} is set once its patient rated it (status RATED).
 */
record AppointmentView(String id, String doctorId, String patientId, Instant start, Instant end, Money price,
                       AppointmentStatus status, Instant answerBy, Participant cancelledBy,
                       String cancellationJustification, String refusalReason, AppointmentRating rating) {

    static AppointmentView of(AppointmentResponse a) {
        return new AppointmentView(a.id(), a.doctorId(), a.patientId(), a.start(), a.end(), a.price(), a.status(),
                a.answerBy(), a.cancelledBy(), a.cancellationJustification(), a.refusalReason(), a.rating());
    }
}
