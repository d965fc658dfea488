package io.tickettriage.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;

import org.junit.jupiter.api.Test;

/** Targets counted in a team's working time: weekdays 09:00 to 17:00 in Paris, across nights, weekends and DST. */
class BusinessHoursTests {

    private static final BusinessHours PARIS = new BusinessHours(ZoneId.of("Europe/Paris"),
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(17, 0));

    @Test
    void timeWithinOneWorkingDayCountsAsCalendarTime() {
        // Monday 2 March 2026, 10:00 in Paris (UTC+1)
        assertThat(PARIS.after(Instant.parse("2026-03-02T09:00:00Z"), Duration.ofHours(4)))
                .isEqualTo(Instant.parse("2026-03-02T13:00:00Z"));
    }

    @Test
    void theNightAndTheWeekendDoNotCount() {
        // Friday 16:00 in Paris plus 2 working hours: 1 h on Friday, 1 h on Monday from 09:00
        assertThat(PARIS.after(Instant.parse("2026-03-06T15:00:00Z"), Duration.ofHours(2)))
                .isEqualTo(Instant.parse("2026-03-09T09:00:00Z"));
        // a ticket created on Saturday starts counting on Monday at 09:00
        assertThat(PARIS.after(Instant.parse("2026-03-07T12:00:00Z"), Duration.ofMinutes(30)))
                .isEqualTo(Instant.parse("2026-03-09T08:30:00Z"));
        // three working days of 8 h from Wednesday 09:00: Friday 17:00
        assertThat(PARIS.after(Instant.parse("2026-03-04T08:00:00Z"), Duration.ofHours(24)))
                .isEqualTo(Instant.parse("2026-03-06T16:00:00Z"));
    }

    @Test
    void workingHoursFollowTheLocalClockAcrossTheChangeToSummerTime() {
        // Friday 27 March 2026 16:00 (UTC+1) plus 2 h: Monday 30 March 10:00, now UTC+2
        assertThat(PARIS.after(Instant.parse("2026-03-27T15:00:00Z"), Duration.ofHours(2)))
                .isEqualTo(Instant.parse("2026-03-30T08:00:00Z"));
    }
}
