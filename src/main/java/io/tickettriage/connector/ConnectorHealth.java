package io.tickettriage.connector;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.tickettriage.system.ChannelStatus;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Each connector as this process last found its helpdesk, under {@code connectors} in {@code /actuator/health}. A
 * helpdesk that cannot be reached shows as {@code DEGRADED}, not {@code DOWN}: tickets wait in the helpdesk and
 * write-backs wait in the job queue, nothing is lost, so an outage there must not make health checks restart the
 * service. Details per connector: mode, polling state, last poll, last error, and write-backs waiting or failed.
 *
 * <p>Health is this process's own view (a standby worker says {@code standby}, an API process {@code not polled
 * here}). What the polling process saw is also recorded in the database ({@link ChannelStatus}), once per poll, and
 * {@link #shared} reads it back, so that {@code GET /insights/connectors} answers the same from every process.
 */
@Component("connectorsHealthIndicator")
class ConnectorHealth implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "A helpdesk cannot be reached; its work waits");
    static final String NOT_POLLED = "not polled";

    private record State(String polling, @Nullable String error, Instant since, @Nullable Instant lastPoll) {
    }

    private final ConnectorRegistry connectors;
    private final ConnectorStore store;
    private final ChannelStatus shared;
    private final Clock clock;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    ConnectorHealth(ConnectorRegistry connectors, ConnectorStore store, ChannelStatus shared, Clock clock) {
        this.connectors = connectors;
        this.store = store;
        this.shared = shared;
        this.clock = clock;
    }

    /** A poll succeeded: once per poll, whatever number of tickets it took in. */
    void up(String connector) {
        Instant now = clock.instant();
        states.compute(connector, (name, previous) -> new State("up", null,
                previous != null && previous.polling().equals("up") ? previous.since() : now, now));
        shared.polled(connector, null, now);
    }

    /** Another process holds the lease and polls: only this process's view changes, the poller records its own. */
    void standby(String connector) {
        change(connector, "standby", null);
    }

    /** A poll failed. */
    void down(String connector, String error) {
        change(connector, "down", error);
        shared.failed(connector, error, clock.instant());
    }

    /** A failure that does not stop polling, such as a write-back refused for good. */
    void lastError(String connector, String error) {
        Instant now = clock.instant();
        states.compute(connector, (name, previous) -> previous == null
                ? new State("not polled here", error, now, null)
                : new State(previous.polling(), error, previous.since(), previous.lastPoll()));
        shared.error(connector, error, now);
    }

    /**
     * A connector's helpdesk as the process that polls it (or writes back to it) last found it, read from the
     * database, so every process gives the same answer: {@code off} when it is not configured; else {@code up} or
     * {@code down} as the polling worker last found it, or {@code not polled} while no process has polled it (webhooks
     * only, or no poll yet); the last successful poll; and the last error, while no poll succeeded after it. A
     * connector last seen {@code up} is {@code down} once no poll has succeeded for three poll intervals and a minute
     * ({@link ChannelStatus.Status#asOf}): no worker polls it.
     */
    Snapshot shared(HelpdeskConnector connector) {
        if (!connector.enabled()) {
            return new Snapshot("off", null, null);
        }
        return shared.find(connector.name())
                .map(status -> status.asOf(clock.instant(), connector.pollInterval()))
                .map(status -> new Snapshot(status.state() == null ? NOT_POLLED : status.state(), status.lastPoll(),
                        status.currentError()))
                .orElse(new Snapshot(NOT_POLLED, null, null));
    }

    record Snapshot(String state, @Nullable Instant lastPoll, @Nullable String lastError) {
    }

    boolean isDown(String connector) {
        State state = states.get(connector);
        return state != null && state.polling().equals("down");
    }

    private void change(String connector, String polling, @Nullable String error) {
        Instant now = clock.instant();
        states.compute(connector, (name, previous) -> previous == null
                ? new State(polling, error, now, null)
                : new State(polling, error, previous.polling().equals(polling) ? previous.since() : now,
                        previous.lastPoll()));
    }

    @Override
    public Health health() {
        boolean degraded = false;
        Map<String, Object> details = new LinkedHashMap<>();
        for (HelpdeskConnector connector : connectors.all()) {
            Map<String, Object> detail = new LinkedHashMap<>();
            if (!connector.enabled()) {
                detail.put("status", "off");
                if (connector instanceof DisabledConnector disabled) {
                    detail.put("reason", disabled.reason());
                }
                details.put(connector.name(), detail);
                continue;
            }
            State state = states.get(connector.name());
            detail.put("status", state != null && state.polling().equals("down") ? "down" : "up");
            detail.put("helpdesk", connector.location());
            detail.put("mode", connector.mode().label());
            detail.put("polling", state == null ? "not polled here" : state.polling());
            if (state != null) {
                detail.put("since", state.since().toString());
                if (state.lastPoll() != null) {
                    detail.put("last_poll", state.lastPoll().toString());
                }
                if (state.error() != null) {
                    detail.put("error", state.error());
                }
                degraded |= state.polling().equals("down");
            }
            try {
                detail.put("writebacks_waiting", store.writeBacks(connector.name(), ConnectorStore.WriteBack.PENDING));
                detail.put("writebacks_failed", store.writeBacks(connector.name(), ConnectorStore.WriteBack.FAILED));
            } catch (DataAccessException e) {
                detail.put("writebacks", "unknown: the database did not answer");
            }
            details.put(connector.name(), detail);
        }
        return (degraded ? Health.status(DEGRADED) : Health.up()).withDetails(details).build();
    }
}
