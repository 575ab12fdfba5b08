package com.healthmed.schema.scheduling;

import com.healthmed.schema.shared.Money;
import org.axonframework.serialization.Revision;

@Revision("1")
public record DoctorScheduleOpenedEvent(String doctorId, Money consultationPrice) {
}
