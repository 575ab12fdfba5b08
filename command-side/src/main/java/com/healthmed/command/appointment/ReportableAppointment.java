package com.healthmed.command.appointment;

import java.time.Instant;

/** What the health record asks of an appointment before it accepts a doctor's report of it. */
public interface ReportableAppointment {

    /** Throws a rejection unless the doctor may report on this patient's consultation now. */
    void requireReportableBy(String doctorId, String patientId, Instant now);
}
