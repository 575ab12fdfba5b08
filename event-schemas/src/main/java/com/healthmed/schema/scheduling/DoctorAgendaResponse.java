package com.healthmed.schema.scheduling;

import com.healthmed.schema.shared.Money;

import java.time.Instant;
import java.util.List;

public record DoctorAgendaResponse(String doctorId, String timeZone, Money consultationPrice, List<FreeSlot> slots) {

    public record FreeSlot(Instant start, Instant end) {
    }
}
