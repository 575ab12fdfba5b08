package com.healthmed.schema.record;

/** One page of a patient's access log, newest first ({@code page} from 0). */
public record FindAccessLogQuery(String patientId, int page, int size) {
}
