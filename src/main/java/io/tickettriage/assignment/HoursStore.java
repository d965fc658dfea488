package io.tickettriage.assignment;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Teams' business hours, in the database so that every process uses the same. Due times are computed for every
 * routed ticket, so they are kept in memory and read again at most every few seconds (at once in the process that
 * changed them), as the targets are.
 */
@Repository
class HoursStore {

    private static final long FRESH_NANOS = Duration.ofSeconds(5).toNanos();

    private final JdbcClient jdbc;
    private volatile Map<String, BusinessHours> cached;
    private volatile long readAt;

    HoursStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A team's business hours; empty when it counts calendar time. */
    Optional<BusinessHours> find(String team) {
        Map<String, BusinessHours> hours = cached;
        if (hours == null || System.nanoTime() - readAt > FRESH_NANOS) {
            hours = read();
            cached = hours;
            readAt = System.nanoTime();
        }
        return Optional.ofNullable(hours.get(team));
    }

    void put(String team, BusinessHours hours, Instant now) {
        jdbc.sql("""
                INSERT INTO team_hours (team, time_zone, days, start_minute, end_minute, updated_at)
                VALUES (:team, :zone, :days, :start, :end, :now)
                ON CONFLICT (team) DO UPDATE SET time_zone = excluded.time_zone, days = excluded.days,
                    start_minute = excluded.start_minute, end_minute = excluded.end_minute,
                    updated_at = excluded.updated_at""")
                .param("team", team)
                .param("zone", hours.zone().getId())
                .param("days", String.join(",", hours.dayNames()))
                .param("start", hours.start().toSecondOfDay() / 60)
                .param("end", hours.end().toSecondOfDay() / 60)
                .param("now", now.toEpochMilli())
                .update();
    }

    void delete(String team) {
        jdbc.sql("DELETE FROM team_hours WHERE team = :team").param("team", team).update();
    }

    /** Reads the hours again at the next use: they were changed. */
    void forget() {
        cached = null;
    }

    private Map<String, BusinessHours> read() {
        Map<String, BusinessHours> hours = new HashMap<>();
        jdbc.sql("SELECT team, time_zone, days, start_minute, end_minute FROM team_hours").query(rs -> {
            hours.put(rs.getString("team"), new BusinessHours(ZoneId.of(rs.getString("time_zone")),
                    Arrays.stream(rs.getString("days").split(",")).filter(day -> !day.isBlank())
                            .map(BusinessHours::day).collect(Collectors.toSet()),
                    LocalTime.ofSecondOfDay(rs.getInt("start_minute") * 60L),
                    LocalTime.ofSecondOfDay(rs.getInt("end_minute") * 60L)));
        });
        return Map.copyOf(hours);
    }
}
