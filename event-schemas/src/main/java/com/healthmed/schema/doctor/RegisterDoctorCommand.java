package com.healthmed.schema.doctor;

import com.healthmed.schema.shared.Address;
import com.healthmed.schema.shared.GeoPoint;
import com.healthmed.schema.shared.Money;
import com.healthmed.schema.shared.Specialty;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Registers a doctor whose identity account already exists; {@code doctorId} is the account's id and
 * {@code crm} the normalised CRM (e.g. {@code 123456-SP}).
 */
public record RegisterDoctorCommand(@TargetAggregateIdentifier String doctorId,
                                    String name,
                                    String crm,
                                    String email,
                                    List<Specialty> specialties,
                                    Money consultationPrice,
                                    Address address,
                                    GeoPoint location,
                                    String timeZone) {
}
