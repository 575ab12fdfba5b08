package com.healthmed.schema.doctor;

import com.healthmed.schema.shared.Address;
import com.healthmed.schema.shared.GeoPoint;
import com.healthmed.schema.shared.Money;
import com.healthmed.schema.shared.Specialty;
import org.axonframework.serialization.Revision;

import java.util.List;

/** A doctor joined the platform and awaits verification of the CRM by an administrator. */
@Revision("1")
public record DoctorRegisteredEvent(String doctorId,
                                    String name,
                                    String crm,
                                    String email,
                                    List<Specialty> specialties,
                                    Money consultationPrice,
                                    Address address,
                                    GeoPoint location,
                                    String timeZone) {
}
