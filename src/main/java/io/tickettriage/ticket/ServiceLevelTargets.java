package io.tickettriage.ticket;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The service-level targets per priority that give each ticket its due times. Implemented where targets are set
 * (the servicelevel module); without an implementation the defaults apply.
 */
public interface ServiceLevelTargets {

    /** Urgent 1 h / 4 h, High 4 h / 1 day, Medium 1 day / 3 days, Low 3 days / 10 days, in calendar time. */
    Map<Priority, Target> DEFAULTS = Map.of(
            Priority.URGENT, new Target(Duration.ofHours(1), Duration.ofHours(4)),
            Priority.HIGH, new Target(Duration.ofHours(4), Duration.ofDays(1)),
            Priority.MEDIUM, new Target(Duration.ofDays(1), Duration.ofDays(3)),
            Priority.LOW, new Target(Duration.ofDays(3), Duration.ofDays(10)));

    ServiceLevelTargets DEFAULT = DEFAULTS::get;

    Target target(Priority priority);

    /**
     * The moment {@code work} of {@code team}'s working time has passed since {@code from}: calendar time, unless
     * the team has business hours.
     */
    default Instant after(String team, Instant from, Duration work) {
        return from.plus(work);
    }

    /** Whether {@code team}'s targets count calendar time (it has no business hours). */
    default boolean calendarTime(String team) {
        return true;
    }

    /** How long the first public answer and the closing of a ticket of one priority may take. */
    record Target(Duration firstResponse, Duration resolution) {
    }
}
