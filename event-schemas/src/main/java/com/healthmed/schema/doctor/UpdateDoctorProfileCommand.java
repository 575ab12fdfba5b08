package com.healthmed.schema.doctor;

import com.healthmed.schema.shared.Address;
import com.healthmed.schema.shared.GeoPoint;
import com.healthmed.schema.shared.Specialty;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Changes a doctor's public profile; a null component means "leave unchanged". */
public record UpdateDoctorProfileCommand(@TargetAggregateIdentifier String doctorId,
                                         String name,
                                         List<Specialty> specialties,
                                         Address address,
                                         GeoPoint location,
                                         String timeZone) {
}
