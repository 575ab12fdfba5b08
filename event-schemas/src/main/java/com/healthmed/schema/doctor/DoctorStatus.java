package com.healthmed.schema.doctor;

public enum DoctorStatus {
    PENDING_VERIFICATION, VERIFIED
}
