package io.tickettriage.assignment;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tickettriage.system.AfterCommit;
import io.tickettriage.system.InvalidFieldException;
import io.tickettriage.ticket.Priority;
import io.tickettriage.ticket.ServiceLevelMeasure;
import io.tickettriage.ticket.ServiceLevelTargets.Target;
import io.tickettriage.ticket.TicketServiceLevels;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Service-level targets and the check that announces warnings and breaches. The check may run in every worker
 * process at once: each announcement follows a conditional UPDATE of the ticket's flag, which one process wins.
 */
@Service
public class ServiceLevels {

    /** Longest target: a year of calendar time. */
    private static final long MAX_MINUTES = Duration.ofDays(365).toMinutes();
    private static final int BATCH = 500;

    private final TargetStore targets;
    private final TicketServiceLevels tickets;
    private final Clock clock;

    ServiceLevels(TargetStore targets, TicketServiceLevels tickets, Clock clock) {
        this.targets = targets;
        this.tickets = tickets;
        this.clock = clock;
    }

    /** One priority's targets, in minutes of calendar time. */
    public record TargetView(String priority, long firstResponseMinutes, long resolutionMinutes) {
    }

    /** Every priority's targets, most urgent first. */
    public List<TargetView> targets() {
        return view(targets.all());
    }

    private static List<TargetView> view(Map<Priority, Target> all) {
        return List.of(Priority.URGENT, Priority.HIGH, Priority.MEDIUM, Priority.LOW).stream()
                .map(priority -> new TargetView(priority.label(), all.get(priority).firstResponse().toMinutes(),
                        all.get(priority).resolution().toMinutes()))
                .toList();
    }

    /**
     * Replaces the targets; priorities not given get their defaults. Tickets created from now on, and tickets whose
     * priority changes, get due times from them.
     */
    @Transactional
    public List<TargetView> replace(@Nullable List<TargetView> given) {
        if (given == null) {
            throw new InvalidFieldException("targets", "targets is required: [{priority, first_response_minutes, "
                    + "resolution_minutes}, ...]");
        }
        Map<Priority, Target> replaced = new EnumMap<>(io.tickettriage.ticket.ServiceLevelTargets.DEFAULTS);
        Set<Priority> seen = new HashSet<>();
        for (TargetView target : given) {
            Priority priority = target.priority() == null ? null : Priority.parse(target.priority()).orElse(null);
            if (priority == null) {
                throw new InvalidFieldException("priority", "Unknown priority '" + target.priority()
                        + "'; use Low, Medium, High or Urgent");
            }
            if (!seen.add(priority)) {
                throw new InvalidFieldException("priority", priority.label() + " is given twice");
            }
            long firstResponse = target.firstResponseMinutes();
            long resolution = target.resolutionMinutes();
            if (firstResponse < 1 || firstResponse > MAX_MINUTES) {
                throw new InvalidFieldException("first_response_minutes", priority.label()
                        + ": first_response_minutes must be between 1 and " + MAX_MINUTES);
            }
            if (resolution < firstResponse || resolution > MAX_MINUTES) {
                throw new InvalidFieldException("resolution_minutes", priority.label()
                        + ": resolution_minutes must be at least first_response_minutes and at most " + MAX_MINUTES);
            }
            replaced.put(priority, new Target(Duration.ofMinutes(firstResponse), Duration.ofMinutes(resolution)));
        }
        targets.replace(replaced, clock.instant());
        AfterCommit.run(targets::forget);
        // What was stored, not targets(): its cache is forgotten after the commit, so it still holds the old ones.
        return view(replaced);
    }

    /** The earliest moment a warning or breach will be due, on any open ticket; empty when none will. */
    public java.util.Optional<java.time.Instant> nextMoment() {
        return tickets.nextMoment();
    }

    /** What one check announced. */
    public record Checked(int warnings, int breaches) {
    }

    /**
     * Announces the warnings and breaches that are due. Breaches first, so that a ticket found past its due time is
     * announced as breached, not warned of and then breached.
     */
    public Checked check() {
        int breaches = 0;
        int warnings = 0;
        for (ServiceLevelMeasure measure : ServiceLevelMeasure.values()) {
            for (long id : tickets.breachesDue(measure, BATCH)) {
                breaches += tickets.recordBreach(id, measure) ? 1 : 0;
            }
            for (long id : tickets.warningsDue(measure, BATCH)) {
                warnings += tickets.warn(id, measure) ? 1 : 0;
            }
        }
        return new Checked(warnings, breaches);
    }
}
