package com.healthmed.schema.doctor;

import com.healthmed.schema.shared.Money;
import org.axonframework.serialization.Revision;

/** From now on the doctor may publish availability and be found and booked; carries the price in force. */
@Revision("1")
public record DoctorVerifiedEvent(String doctorId, String verifiedBy, Money consultationPrice) {
}
