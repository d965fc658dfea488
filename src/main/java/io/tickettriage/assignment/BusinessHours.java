package io.tickettriage.assignment;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A team's working time: the days of the week it works, from {@code start} to {@code end} local time, in its time
 * zone. Service-level targets of such a team count only this time.
 */
record BusinessHours(ZoneId zone, Set<DayOfWeek> days, LocalTime start, LocalTime end) {

    BusinessHours {
        days = days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
    }

    /**
     * The moment at which {@code work} of working time has passed since {@code from}: time outside the working
     * hours, on days off, and the hour a clock change skips do not count.
     */
    Instant after(Instant from, Duration work) {
        long remaining = work.toMillis();
        ZonedDateTime cursor = from.atZone(zone);
        // bounded: a year of targets at one working day a week is under 3,000 days
        for (int day = 0; day < 20_000; day++) {
            LocalDate date = cursor.toLocalDate();
            if (days.contains(date.getDayOfWeek())) {
                ZonedDateTime open = date.atTime(start).atZone(zone);
                ZonedDateTime close = date.atTime(end).atZone(zone);
                ZonedDateTime counting = cursor.isAfter(open) ? cursor : open;
                if (counting.isBefore(close)) {
                    long available = Duration.between(counting, close).toMillis();
                    if (remaining <= available) {
                        return counting.toInstant().plusMillis(remaining);
                    }
                    remaining -= available;
                }
            }
            cursor = date.plusDays(1).atStartOfDay(zone);
        }
        throw new IllegalStateException("No working time found for " + work + " from " + from);
    }

    /** A day by its name's first three letters (MON, tue...); empty for anything else. */
    static java.util.Optional<DayOfWeek> parseDay(String name) {
        String value = name == null ? "" : name.strip().toUpperCase(java.util.Locale.ROOT);
        return java.util.Arrays.stream(DayOfWeek.values())
                .filter(day -> value.length() == 3 && day.name().startsWith(value))
                .findFirst();
    }

    static DayOfWeek day(String stored) {
        return parseDay(stored).orElseThrow(() -> new IllegalStateException("Unknown stored day " + stored));
    }

    /** The days as stored and shown: MON, TUE, ... in week order. */
    List<String> dayNames() {
        return days.stream().sorted().map(day -> day.name().substring(0, 3)).toList();
    }
}
