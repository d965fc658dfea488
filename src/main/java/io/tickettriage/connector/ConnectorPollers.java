package io.tickettriage.connector;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.tickettriage.system.Backoff;
import io.tickettriage.system.TriageRole;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Polls each configured helpdesk for tickets created or changed since its cursor, one thread per connector, in
 * worker processes only. The cursor lives in the database and is saved after the tickets it covers are committed:
 * a restart resumes where polling stood, and a ticket seen twice changes nothing the second time. Only the holder of
 * a connector's lease polls it, so several workers never poll one helpdesk at once (and the unique mapping row stops
 * a ticket from being taken twice should a lease change hands mid-poll). A failing helpdesk is polled again after
 * waits that double up to {@code TRIAGE_CONNECTORS_RETRY_MAX_WAIT}, honouring its {@code Retry-After}.
 */
@Component
class ConnectorPollers implements SmartLifecycle {

    static final String CURSOR = "poll";
    private static final Logger log = LoggerFactory.getLogger(ConnectorPollers.class);

    private final ConnectorRegistry connectors;
    private final ConnectorIntake intake;
    private final ConnectorStore store;
    private final ConnectorHealth health;
    private final ConnectorMetrics metrics;
    private final ConnectorsProperties properties;
    private final Clock clock;
    private final boolean pollsHere;
    private final String holder = UUID.randomUUID().toString();
    private final List<Thread> loops = new ArrayList<>();
    private volatile boolean running;

    ConnectorPollers(ConnectorRegistry connectors, ConnectorIntake intake, ConnectorStore store, ConnectorHealth health,
            ConnectorMetrics metrics, ConnectorsProperties properties, Clock clock, TriageRole role) {
        this.connectors = connectors;
        this.intake = intake;
        this.store = store;
        this.health = health;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
        this.pollsHere = role.runsWorkers() && properties.polling();
    }

    @Override
    public boolean isAutoStartup() {
        return pollsHere;
    }

    @Override
    public synchronized void start() {
        running = true;
        for (HelpdeskConnector connector : connectors.enabled()) {
            if (connector.pollInterval().isZero() || connector.pollInterval().isNegative()) {
                if (connector.receivesWebhooks()) {
                    log.info("{} is not polled (its poll interval is 0): its webhook brings tickets", connector.name());
                } else {
                    log.warn("{} is not polled (its poll interval is 0) and its webhook refuses every call (no {}): "
                            + "no ticket comes from it", connector.name(),
                            ConnectorSetup.setting(connector.name(), "WEBHOOK_SECRET"));
                }
                continue;
            }
            log.info("Polling {} at {} every {} in {} mode", connector.name(), connector.location(),
                    connector.pollInterval(), connector.mode().label());
            loops.add(Thread.ofPlatform().name(connector.name() + "-poller").daemon().start(() -> run(connector)));
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        for (Thread loop : loops) {
            loop.interrupt();
            try {
                loop.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        loops.clear();
        for (HelpdeskConnector connector : connectors.enabled()) {
            try {
                store.releaseLease(connector.name(), holder);
            } catch (DataAccessException e) {
                // the lease runs out by itself
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run(HelpdeskConnector connector) {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), properties.retryMaxWait(),
                ThreadLocalRandom.current()::nextDouble);
        int failures = 0;
        while (running) {
            Duration wait = connector.pollInterval();
            try {
                if (!store.lease(connector.name(), holder, clock.instant(), clock.instant().plus(properties.lease()))) {
                    health.standby(connector.name());
                } else {
                    boolean wasDown = health.isDown(connector.name());
                    pollOnce(connector);
                    health.up(connector.name());
                    if (wasDown) {
                        log.info("{} at {} answers again", connector.name(), connector.location());
                    }
                }
                failures = 0;
            } catch (HelpdeskException e) {
                failures++;
                wait = backoff.after(failures, e.retryAfter());
                metrics.failure(connector.name(), "poll", e.kind());
                failed(connector, e.getMessage(), wait);
            } catch (DataAccessException | IllegalStateException e) {
                failures++;
                wait = backoff.after(failures, null);
                metrics.failure(connector.name(), "poll", "database");
                failed(connector, "The database: " + e.getMessage(), wait);
            } catch (RuntimeException e) {
                failures++;
                wait = backoff.after(failures, null);
                log.error("Unexpected failure polling {}", connector.name(), e);
                metrics.failure(connector.name(), "poll", "unexpected");
                failed(connector, "Unexpected failure: " + e, wait);
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void failed(HelpdeskConnector connector, String message, Duration retry) {
        health.down(connector.name(), message);
        log.warn("Polling {} failed: {}; retrying in {} s", connector.name(), message, retry.toSeconds());
    }

    /** Takes in every ticket changed since the cursor, batch by batch, saving the cursor after each. */
    void pollOnce(HelpdeskConnector connector) throws HelpdeskException {
        String cursor = store.cursor(connector.name(), CURSOR).orElse(null);
        if (cursor == null) {
            cursor = connector.initialCursor(clock.instant());
            store.saveCursor(connector.name(), CURSOR, cursor, clock.instant());
            log.info("{}: polling starts from {}; older tickets are the history import's", connector.name(), cursor);
        }
        for (;;) {
            HelpdeskConnector.Changes changes = connector.changes(cursor);
            for (HelpdeskTicket ticket : changes.tickets()) {
                Instant now = clock.instant();
                if (!store.lease(connector.name(), holder, now, now.plus(properties.lease()))) {
                    throw new IllegalStateException("the lease on polling " + connector.name()
                            + " was lost to another process");
                }
                intake.take(connector, ticket, "poll");
            }
            if (!changes.cursor().equals(cursor)) {
                cursor = changes.cursor();
                store.saveCursor(connector.name(), CURSOR, cursor, clock.instant());
            }
            if (!changes.more() || !running) {
                return;
            }
        }
    }
}
