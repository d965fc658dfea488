package io.tickettriage.mail;

import java.time.Clock;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The mailbox as this process last found it, under {@code mail} in {@code /actuator/health}. A mailbox that cannot be
 * reached shows as {@code DEGRADED}, not {@code DOWN}: tickets still arrive over the API and nothing is lost (the
 * mail waits in the mailbox), so a mail outage must not make container health checks restart the service. The
 * overall status ignores it; a monitor that cares reads {@code components.mail}.
 */
final class MailHealth implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "The mailbox cannot be reached; mail waits there");

    private final String mailbox;
    private final Clock clock;
    /** False in an API process, which never polls. */
    private final boolean polledHere;
    private volatile State state;

    private record State(String channel, @Nullable String error, Instant since, @Nullable Instant lastPass,
            @Nullable String watch) {
    }

    MailHealth(String mailbox, Clock clock, boolean polledHere) {
        this.mailbox = mailbox;
        this.polledHere = polledHere;
        this.clock = clock;
        this.state = new State("starting", null, clock.instant(), null, null);
    }

    /** The mailbox answered; {@code watch} is how new mail is noticed: {@code idle} (IMAP IDLE) or {@code poll}. */
    void up(String watch) {
        State previous = state;
        Instant now = clock.instant();
        state = new State("up", null, previous.channel().equals("up") ? previous.since() : now, now, watch);
    }

    /** Another process holds the mailbox's lease and polls it. */
    void standby() {
        State previous = state;
        state = new State("standby", null, previous.channel().equals("standby") ? previous.since() : clock.instant(),
                previous.lastPass(), null);
    }

    void down(String error) {
        State previous = state;
        state = new State("down", error, previous.channel().equals("down") ? previous.since() : clock.instant(),
                previous.lastPass(), null);
    }

    /** The mailbox as this process last found it, for the dashboard; {@code error} says why it is down. */
    record Snapshot(String mailbox, String channel, @Nullable String watch, @Nullable Instant lastPass,
            @Nullable String error) {
    }

    Snapshot snapshot() {
        State current = state;
        return new Snapshot(mailbox, polledHere ? current.channel() : "not-polled-here", current.watch(),
                current.lastPass(), polledHere ? current.error() : null);
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
