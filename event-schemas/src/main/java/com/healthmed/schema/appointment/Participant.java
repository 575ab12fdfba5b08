package com.healthmed.schema.appointment;

/** Who acts on an appointment. */
public enum Participant {
    PATIENT, DOCTOR
}
