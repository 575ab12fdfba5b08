package com.healthmed.schema.patient;

import com.healthmed.schema.shared.GeoPoint;
import com.healthmed.schema.shared.Uf;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** Registers a patient whose identity account already exists; {@code patientId} is the account's id. */
public record RegisterPatientCommand(@TargetAggregateIdentifier String patientId,
                                     String name,
                                     String cpf,
                                     String email,
                                     String phone,
                                     LocalDate birthDate,
                                     String city,
                                     Uf state,
                                     GeoPoint location) {
}
