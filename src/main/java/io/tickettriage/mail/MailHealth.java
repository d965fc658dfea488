package io.tickettriage.mail;

import java.time.Clock;
import java.time.Instant;

import io.tickettriage.system.ChannelStatus;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The mailbox as this process last found it, under {@code mail} in {@code /actuator/health}. A mailbox that cannot be
 * reached shows as {@code DEGRADED}, not {@code DOWN}: tickets still arrive over the API and nothing is lost (the
 * mail waits in the mailbox), so a mail outage must not make container health checks restart the service. The
 * overall status ignores it; a monitor that cares reads {@code components.mail}.
 *
 * <p>Health is this process's own view: {@code standby} in a worker whose peer holds the mailbox's lease,
 * {@code not-polled-here} in an API process. What the polling process saw is also recorded in the database
 * ({@link ChannelStatus}), once per pass, and {@code GET /mail/status} reads it from there, so that every process
 * answers the same.
 */
final class MailHealth implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "The mailbox cannot be reached; mail waits there");
    /** The mailbox's row in {@code channel_status}. */
    static final String CHANNEL = "mail";

    private final String mailbox;
    private final Clock clock;
    private final ChannelStatus shared;
    private volatile State state;

    private record State(String channel, @Nullable String error, Instant since, @Nullable Instant lastPass,
            @Nullable String watch) {
    }

    /** {@code polledHere} is false in an API process, which never polls. */
    MailHealth(String mailbox, Clock clock, boolean polledHere, ChannelStatus shared) {
        this.mailbox = mailbox;
        this.clock = clock;
        this.shared = shared;
        this.state = new State(polledHere ? "starting" : "not-polled-here", null, clock.instant(), null, null);
    }

    /** The mailbox, without its password. */
    String mailbox() {
        return mailbox;
    }

    /**
     * The mailbox answered, once per pass; {@code watch} is how new mail is noticed: {@code idle} (IMAP IDLE) or
     * {@code poll}.
     */
    void up(String watch) {
        State previous = state;
        Instant now = clock.instant();
        state = new State("up", null, previous.channel().equals("up") ? previous.since() : now, now, watch);
        shared.polled(CHANNEL, watch, now);
    }

    /** Another process holds the mailbox's lease and polls it. */
    void standby() {
        State previous = state;
        state = new State("standby", null, previous.channel().equals("standby") ? previous.since() : clock.instant(),
                previous.lastPass(), null);
    }

    void down(String error) {
        State previous = state;
        Instant now = clock.instant();
        state = new State("down", error, previous.channel().equals("down") ? previous.since() : now,
                previous.lastPass(), null);
        shared.failed(CHANNEL, error, now);
    }

    boolean isDown() {
        return state.channel().equals("down");
    }

    @Override
    public Health health() {
        State current = state;
        Health.Builder health = current.channel().equals("down") ? Health.status(DEGRADED) : Health.up();
        health.withDetail("mailbox", mailbox).withDetail("channel", current.channel())
                .withDetail("since", current.since().toString());
        if (current.lastPass() != null) {
            health.withDetail("last_poll", current.lastPass().toString());
        }
        if (current.watch() != null) {
            health.withDetail("watch", current.watch());
        }
        if (current.error() != null) {
            health.withDetail("error", current.error());
        }
        return health.build();
    }
}
