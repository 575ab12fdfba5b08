package com.healthmed.schema.scheduling;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * Windows and bookings that ended at or before {@code before} leave the schedule's decision state: nothing
 * can be booked or revised in the past, so they can no longer change a decision. The ids are listed so that a
 * replay removes exactly what the schedule removed when it decided. Read models may drop them too.
 */
@Revision("1")
public record ScheduleHistoryPrunedEvent(String doctorId, Instant before, List<String> windowIds,
                                         List<String> appointmentIds) {
}
