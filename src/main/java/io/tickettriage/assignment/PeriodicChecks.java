package io.tickettriage.assignment;

import java.util.concurrent.Executors;
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
 * In worker processes, every {@code triage.assignment.check-interval}: assigns tickets still waiting in a queue
 * whose team can take them (after a crash, or a change announced in another process), and announces service-level
 * warnings and breaches. Any number of processes may run it at once.
 */
@Component
class PeriodicChecks implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PeriodicChecks.class);

    private final AssignmentManagement assignment;
    private final ServiceLevels serviceLevels;
    private final AssignmentProperties properties;
    private final TriageRole role;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("assignment-checks").daemon(true).factory());

    PeriodicChecks(AssignmentManagement assignment, ServiceLevels serviceLevels, AssignmentProperties properties,
            TriageRole role) {
        this.assignment = assignment;
        this.serviceLevels = serviceLevels;
        this.properties = properties;
        this.role = role;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (role.runsWorkers()) {
            long interval = properties.checkInterval().toMillis();
            // the first check at once: tickets a killed process routed but did not assign wait no longer than this
            timer.scheduleWithFixedDelay(this::run, 0, interval, TimeUnit.MILLISECONDS);
        }
    }

    void run() {
        try {
            int assigned = assignment.releaseAll();
            ServiceLevels.Checked checked = serviceLevels.check();
            if (assigned + checked.warnings() + checked.breaches() > 0) {
                log.debug("Assigned {} waiting tickets; {} service-level warnings, {} breaches", assigned,
                        checked.warnings(), checked.breaches());
            }
        } catch (RuntimeException e) {
            log.warn("Assignment and service-level check failed, trying again in {}: {}",
                    properties.checkInterval(), e.toString());
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
