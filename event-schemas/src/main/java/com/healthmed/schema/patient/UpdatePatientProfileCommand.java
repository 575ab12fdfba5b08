package com.healthmed.schema.patient;

import com.healthmed.schema.shared.GeoPoint;
import com.healthmed.schema.shared.Uf;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Changes a patient's editable profile; a null component means "leave unchanged". */
public record UpdatePatientProfileCommand(@TargetAggregateIdentifier String patientId,
                                          String name,
                                          String phone,
                                          String city,
                                          Uf state,
                                          GeoPoint location) {
}
