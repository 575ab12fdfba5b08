package com.healthmed.schema.scheduling;

/**
 * The aggregate id of a doctor's schedule. Aggregate ids are unique across aggregate types in the event
 * store (and in Axon Server), and the doctor id already names the {@code Doctor} aggregate, so the schedule
 * uses a derived id. Commands still carry the plain doctor id and expose this one for routing.
 */
public final class DoctorScheduleId {

    private static final String PREFIX = "schedule:";

    private DoctorScheduleId() {
    }

    public static String of(String doctorId) {
        return PREFIX + doctorId;
    }

    public static String doctorIdOf(String scheduleId) {
        return scheduleId.substring(PREFIX.length());
    }
}
