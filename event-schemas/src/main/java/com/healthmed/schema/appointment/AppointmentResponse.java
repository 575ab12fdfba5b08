package com.healthmed.schema.appointment;

import com.healthmed.schema.shared.Money;

import java.time.Instant;

public record AppointmentResponse(String id, String doctorId, String patientId, Instant start, Instant end,
                                  Money price, AppointmentStatus status, Instant answerBy, String roomName,
                                  Participant cancelledBy, String cancellationJustification, String refusalReason,
                                  AppointmentRating rating, long version) {
}
