package com.healthmed.schema.appointment;

import java.util.List;

public record AppointmentPageResponse(List<AppointmentResponse> items, int page, int size, long total) {
}
