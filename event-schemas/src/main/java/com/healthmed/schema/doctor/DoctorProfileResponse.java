package com.healthmed.schema.doctor;

import com.healthmed.schema.shared.Address;
import com.healthmed.schema.shared.GeoPoint;
import com.healthmed.schema.shared.Money;
import com.healthmed.schema.shared.Specialty;

import java.util.List;

/** A doctor's profile; {@code version} grows with every change (the aggregate's sequence number). */
public record DoctorProfileResponse(String id,
                                    String name,
                                    String crm,
                                    String email,
                                    List<Specialty> specialties,
                                    Money consultationPrice,
                                    Address address,
                                    GeoPoint location,
                                    String timeZone,
                                    DoctorStatus status,
                                    long version) {
}
