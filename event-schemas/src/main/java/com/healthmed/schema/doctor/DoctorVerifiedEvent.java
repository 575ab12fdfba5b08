package com.healthmed.schema.doctor;

import org.axonframework.serialization.Revision;

/** From now on the doctor may publish availability and be found and booked. */
@Revision("1")
public record DoctorVerifiedEvent(String doctorId, String verifiedBy) {
}
