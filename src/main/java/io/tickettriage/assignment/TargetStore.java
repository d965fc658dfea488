package io.tickettriage.assignment;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import io.tickettriage.ticket.Priority;
import io.tickettriage.ticket.ServiceLevelTargets;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The service-level targets per priority, in the database so that every process uses the same. Each ticket's
 * creation asks for them, so they are kept in memory and read again at most every few seconds (at once in the
 * process that changed them).
 */
@Repository
class TargetStore implements ServiceLevelTargets {

    private static final long FRESH_NANOS = Duration.ofSeconds(5).toNanos();

    private final JdbcClient jdbc;
    private final HoursStore hours;
    private volatile Map<Priority, Target> cached;
    private volatile long readAt;

    TargetStore(JdbcClient jdbc, HoursStore hours) {
        this.jdbc = jdbc;
        this.hours = hours;
    }

    @Override
    public Target target(Priority priority) {
        return all().get(priority);
    }

    @Override
    public Instant after(String team, Instant from, Duration work) {
        return hours.find(team).map(working -> working.after(from, work)).orElseGet(() -> from.plus(work));
    }

    @Override
    public boolean calendarTime(String team) {
        return hours.find(team).isEmpty();
    }

    /** Every priority's target: the one set, or the default. */
    Map<Priority, Target> all() {
        Map<Priority, Target> targets = cached;
        if (targets == null || System.nanoTime() - readAt > FRESH_NANOS) {
            targets = read();
            cached = targets;
            readAt = System.nanoTime();
        }
        return targets;
    }

    /** Replaces every target at once. */
    void replace(Map<Priority, Target> targets, Instant now) {
        jdbc.sql("DELETE FROM sla_targets").update();
        targets.forEach((priority, target) -> jdbc.sql("""
                INSERT INTO sla_targets (priority, first_response_minutes, resolution_minutes, updated_at)
                VALUES (:priority, :firstResponse, :resolution, :now)""")
                .param("priority", priority.label())
                .param("firstResponse", target.firstResponse().toMinutes())
                .param("resolution", target.resolution().toMinutes())
                .param("now", now.toEpochMilli())
                .update());
    }

    /** Reads the targets again at the next use: they were changed. */
    void forget() {
        cached = null;
    }

    private Map<Priority, Target> read() {
        Map<Priority, Target> targets = new EnumMap<>(DEFAULTS);
        jdbc.sql("SELECT priority, first_response_minutes, resolution_minutes FROM sla_targets")
                .query(rs -> {
                    Target target = new Target(Duration.ofMinutes(rs.getLong("first_response_minutes")),
                            Duration.ofMinutes(rs.getLong("resolution_minutes")));
                    Priority.parse(rs.getString("priority")).ifPresent(priority -> targets.put(priority, target));
                });
        return Map.copyOf(targets);
    }
}
