package com.healthmed.schema.doctor;

import com.healthmed.schema.shared.Money;
import org.axonframework.serialization.Revision;

/** New bookings are priced at {@code consultationPrice}; existing bookings keep the price they were booked at. */
@Revision("1")
public record ConsultationPriceChangedEvent(String doctorId, Money consultationPrice) {
}
