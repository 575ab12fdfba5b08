package com.healthmed.gateway.scheduling;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RecurringAvailabilityTest {

    static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

    @Test
    void weekdaysMorningsForTwoWeeksInSaoPaulo() {
        var windows = RecurringAvailability.expand(WEEKDAYS, LocalTime.of(8, 0), LocalTime.of(12, 0),
                LocalDate.of(2026, 11, 30), 2, ZoneId.of("America/Sao_Paulo"), Instant.parse("2026-11-23T00:00:00Z"));

        assertThat(windows).hasSize(10);
        assertThat(windows.getFirst().start()).isEqualTo(Instant.parse("2026-11-30T11:00:00Z"));
        assertThat(windows.getFirst().end()).isEqualTo(Instant.parse("2026-11-30T15:00:00Z"));
        assertThat(windows.getLast().start()).isEqualTo(Instant.parse("2026-12-11T11:00:00Z"));
    }

    @Test
    void wallClockTimesSurviveADaylightSavingChange() {
        // New York leaves daylight saving time on Sunday 1 November 2026
        var windows = RecurringAvailability.expand(EnumSet.of(DayOfWeek.FRIDAY, DayOfWeek.MONDAY), LocalTime.of(8, 0),
                LocalTime.of(12, 0), LocalDate.of(2026, 10, 30), 1, ZoneId.of("America/New_York"),
                Instant.parse("2026-10-01T00:00:00Z"));

        assertThat(windows).extracting(RecurringAvailability.Window::start).containsExactly(
                Instant.parse("2026-10-30T12:00:00Z"), Instant.parse("2026-11-02T13:00:00Z"));
    }

    @Test
    void daysAlreadyStartedAreSkipped() {
        var windows = RecurringAvailability.expand(WEEKDAYS, LocalTime.of(8, 0), LocalTime.of(12, 0),
                LocalDate.of(2026, 11, 30), 1, ZoneId.of("America/Sao_Paulo"), Instant.parse("2026-12-01T12:00:00Z"));

        assertThat(windows).hasSize(3);
        assertThat(windows.getFirst().start()).isEqualTo(Instant.parse("2026-12-02T11:00:00Z"));
    }
}
