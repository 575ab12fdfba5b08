package com.healthmed.schema.doctor;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An administrator confirms the doctor's CRM registration; {@code verifiedBy} is the admin's user id. */
public record VerifyDoctorCommand(@TargetAggregateIdentifier String doctorId, String verifiedBy) {
}
