package com.healthmed.query.appointment;

import com.healthmed.schema.appointment.AppointmentRating;
import com.healthmed.schema.appointment.AppointmentResponse;
import com.healthmed.schema.appointment.AppointmentStatus;
import com.healthmed.schema.appointment.Participant;
import com.healthmed.schema.shared.Money;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

@Document(AppointmentDocument.COLLECTION)
record AppointmentDocument(@Id String id,
                           @Indexed String doctorId,
                           @Indexed String patientId,
                           Instant start,
                           Instant end,
                           Money price,
                           AppointmentStatus status,
                           Instant answerBy,
                           String roomName,
                           Participant cancelledBy,
                           String cancellationJustification,
                           String refusalReason,
                           AppointmentRating rating,
                           long version) {

    static final String COLLECTION = "appointments";

    AppointmentResponse toResponse() {
        return new AppointmentResponse(id, doctorId, patientId, start, end, price, status, answerBy, roomName,
                cancelledBy, cancellationJustification, refusalReason, rating, version);
    }
}
