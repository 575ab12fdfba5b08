package com.healthmed.query.agenda;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/** One published window of a doctor and the bookings currently holding slots in it. */
@Document(AgendaWindowDocument.COLLECTION)
record AgendaWindowDocument(@Id String id,
                            @Indexed String doctorId,
                            Instant start,
                            Instant end,
                            int slotMinutes,
                            int bufferMinutes,
                            List<BookedInterval> bookings) {

    static final String COLLECTION = "doctor_agenda";

    record BookedInterval(String appointmentId, Instant start, Instant end) {
    }
}
