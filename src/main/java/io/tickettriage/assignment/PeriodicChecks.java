package io.tickettriage.assignment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.tickettriage.system.TriageRole;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * In worker processes: every {@code triage.assignment.check-interval}, assigns tickets still waiting in a queue whose
 * team can take them (after a crash, or a change announced in another process); and announces service-level
 * warnings and breaches at their moment. After each service-level check it sleeps until the earliest warning or due
 * time of any open ticket, or for one interval when that is later, so an announcement is late only by the time a
 * check takes, unless its moment was set after the check (a priority change in another process that died before
 * that moment: then at most one interval). Any number of processes may run it at once: each announcement follows
 * a conditional UPDATE, which one process wins.
 */
@Component
class PeriodicChecks implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PeriodicChecks.class);
    /**
     * The wait before checking a moment already passed but not announced (more were due than one check takes, or
     * the check failed): soon, without a busy loop.
     */
    static final Duration MIN_DELAY = Duration.ofMillis(50);

    private final AssignmentManagement assignment;
    private final ServiceLevels serviceLevels;
    private final AssignmentProperties properties;
    private final TriageRole role;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("assignment-checks").daemon(true).factory());

    PeriodicChecks(AssignmentManagement assignment, ServiceLevels serviceLevels, AssignmentProperties properties,
            TriageRole role, Clock clock) {
        this.assignment = assignment;
        this.serviceLevels = serviceLevels;
        this.properties = properties;
        this.role = role;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (role.runsWorkers()) {
            long interval = properties.checkInterval().toMillis();
            // the first release at once: tickets a killed process routed but did not assign wait no longer than this
            timer.scheduleWithFixedDelay(this::releaseQueues, 0, interval, TimeUnit.MILLISECONDS);
            schedule(this::checkServiceLevelsAndPlan, Duration.ZERO);
        }
    }

    /** Both checks at once, now, on the caller's thread. */
    void run() {
        releaseQueues();
        checkServiceLevels();
    }

    /**
     * A due time of an open ticket changed in this process (an agent changed its priority): checks again at the
     * earliest moment now due, if that comes before the next regular check. Runs in any role: the API process that
     * made the change is the first to know of it.
     */
    void dueTimesChanged() {
        try {
            Duration delay = delayUntil(serviceLevels.nextMoment(), clock.instant(), properties.checkInterval());
            if (delay.compareTo(properties.checkInterval()) < 0) {
                schedule(this::checkServiceLevels, delay);
            }
        } catch (RuntimeException e) {
            log.debug("The next service-level moment could not be read; the regular check covers it: {}", e.toString());
        }
    }

    /**
     * How long to sleep before the next service-level check: until {@code next}, rounded up to the millisecond (the
     * timer counts whole milliseconds, and a check woken before the moment finds nothing due), at most one interval
     * (a ticket created or changed meanwhile in another process is seen by then); {@link #MIN_DELAY} for a moment
     * already passed.
     */
    static Duration delayUntil(Optional<Instant> next, Instant now, Duration interval) {
        if (next.isEmpty()) {
            return interval;
        }
        Duration until = Duration.between(now, next.get());
        if (until.isNegative() || until.isZero()) {
            return MIN_DELAY;
        }
        Duration rounded = until.plusNanos(999_999).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        return rounded.compareTo(interval) > 0 ? interval : rounded;
    }

    private void checkServiceLevelsAndPlan() {
        Duration delay = properties.checkInterval();
        try {
            checkServiceLevels();
            delay = delayUntil(serviceLevels.nextMoment(), clock.instant(), properties.checkInterval());
        } catch (RuntimeException e) {
            log.warn("Planning the next service-level check failed, checking again in {}: {}", delay, e.toString());
        } finally {
            schedule(this::checkServiceLevelsAndPlan, delay);
        }
    }

    private void releaseQueues() {
        try {
            int assigned = assignment.releaseAll();
            if (assigned > 0) {
                log.debug("Assigned {} waiting tickets", assigned);
            }
        } catch (RuntimeException e) {
            log.warn("Releasing waiting tickets failed, trying again in {}: {}", properties.checkInterval(),
                    e.toString());
        }
    }

    private void checkServiceLevels() {
        try {
            ServiceLevels.Checked checked = serviceLevels.check();
            if (checked.warnings() + checked.breaches() > 0) {
                log.debug("{} service-level warnings, {} breaches", checked.warnings(), checked.breaches());
            }
        } catch (RuntimeException e) {
            log.warn("Service-level check failed, trying again: {}", e.toString());
        }
    }

    private void schedule(Runnable check, Duration delay) {
        try {
            timer.schedule(check, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("Shutting down: the checks of another process, or the next start, take over");
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
