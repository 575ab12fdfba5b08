package com.healthmed.schema.appointment;

public enum AppointmentStatus {
    REQUESTED, CONFIRMED, REFUSED, CANCELLED, EXPIRED, COMPLETED, NO_SHOW, RATED;

    /** Still holding the doctor's slot. */
    public boolean active() {
        return this == REQUESTED || this == CONFIRMED;
    }
}
