package com.healthmed.gateway.scheduling;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Expands a weekly pattern ("weekdays 08:00–12:00 for the next N weeks") into concrete windows in the
 * doctor's time zone. Local times are kept across daylight-saving changes: 08:00 stays 08:00 on the wall
 * clock, so the UTC instant moves with the offset.
 */
final class RecurringAvailability {

    record Window(Instant start, Instant end) {
    }

    private RecurringAvailability() {
    }

    /** The windows of the pattern from {@code firstDay} for {@code weeks} weeks that start after {@code now}. */
    static List<Window> expand(Set<DayOfWeek> weekdays, LocalTime startTime, LocalTime endTime, LocalDate firstDay,
                               int weeks, ZoneId zone, Instant now) {
        List<Window> windows = new ArrayList<>();
        for (LocalDate day = firstDay; day.isBefore(firstDay.plusWeeks(weeks)); day = day.plusDays(1)) {
            if (!weekdays.contains(day.getDayOfWeek())) {
                continue;
            }
            Instant start = ZonedDateTime.of(day, startTime, zone).toInstant();
            Instant end = ZonedDateTime.of(day, endTime, zone).toInstant();
            if (start.isAfter(now) && end.isAfter(start)) {
                windows.add(new Window(start, end));
            }
        }
        return windows;
    }
}
