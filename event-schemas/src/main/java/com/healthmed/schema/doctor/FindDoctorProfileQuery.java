package com.healthmed.schema.doctor;

public record FindDoctorProfileQuery(String doctorId) {
}
