package com.healthmed.schema.doctor;

import com.healthmed.schema.shared.Address;
import com.healthmed.schema.shared.GeoPoint;
import com.healthmed.schema.shared.Specialty;
import org.axonframework.serialization.Revision;

import java.util.List;

/** The doctor's public profile after a change: every component holds the new full value. */
@Revision("1")
public record DoctorProfileUpdatedEvent(String doctorId,
                                        String name,
                                        List<Specialty> specialties,
                                        Address address,
                                        GeoPoint location,
                                        String timeZone) {
}
