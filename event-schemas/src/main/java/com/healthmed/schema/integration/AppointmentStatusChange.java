package com.healthmed.schema.integration;

/** The appointment statuses analysts see, each with its CloudEvents type. */
public enum AppointmentStatusChange {
    REQUESTED, CONFIRMED, REFUSED, CANCELLED, EXPIRED, COMPLETED, NO_SHOW;

    /** e.g. {@code br.com.healthmed.appointment.no-show.v1} */
    public String cloudEventType() {
        return "br.com.healthmed.appointment." + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ".v1";
    }
}
