package com.healthmed.schema.scheduling;

import com.healthmed.schema.shared.Money;
import org.axonframework.serialization.Revision;

@Revision("1")
public record SchedulePriceChangedEvent(String doctorId, Money consultationPrice) {
}
