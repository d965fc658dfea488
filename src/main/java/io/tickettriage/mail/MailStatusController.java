package io.tickettriage.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tickettriage.system.ChannelStatus;
import io.tickettriage.system.InvalidFieldException;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The e-mail channel at a glance, for the dashboard (agents and admins). The figures are counted in the database, and
 * the mailbox's state is the one the polling worker recorded there ({@link ChannelStatus}), so that every process
 * answers the same whichever of them polls the mailbox or sends the mail, and they survive restarts; the Prometheus
 * counters ({@link MailMetrics}) and {@code /actuator/health} are per process.
 */
@RestController
@RequestMapping(path = "/mail", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "E-mail channel")
class MailStatusController {

    private static final int MAX_DAYS = 365;

    private final MailProperties properties;
    private final MailStore store;
    private final ObjectProvider<MailHealth> health;
    private final ChannelStatus shared;
    private final Clock clock;

    /** {@code health} exists while a mailbox is configured; the state itself is read from {@code shared}. */
    MailStatusController(MailProperties properties, MailStore store, ObjectProvider<MailHealth> health,
            ChannelStatus shared, Clock clock) {
        this.properties = properties;
        this.store = store;
        this.health = health;
        this.shared = shared;
        this.clock = clock;
    }

    /**
     * The channel's state and what it did over the window.
     *
     * @param enabled   whether a mailbox is configured ({@code TRIAGE_MAIL_IMAP_URL}); the rest is empty or zero if not
     * @param sending   whether notifications are sent ({@code TRIAGE_MAIL_SMTP_URL} and {@code TRIAGE_MAIL_FROM})
     * @param mailbox   the mailbox, without its password
     * @param channel   the mailbox as the process that polls it last found it: {@code up}, {@code down} (also when
     *                  no worker has looked for three poll intervals and a minute), or {@code not-polled} while no
     *                  process has looked at it yet
     * @param watch     while up, how new mail is noticed: {@code idle} (IMAP IDLE) or {@code poll}
     * @param lastPoll  when a process last looked at the mailbox successfully, whichever worker polls it
     * @param error     while {@code channel} is {@code down}: why the polling process cannot reach the mailbox (the
     *                  server's answer or the connection's failure; never the password)
     * @param received  messages taken from the mailbox, whatever became of them
     * @param ticketsCreated tickets opened from mail
     * @param repliesThreaded replies added to their ticket as comments
     * @param setAside  messages not taken in: auto-replies and bounces, throttled senders, too large or unreadable
     * @param rejected  of those, the ones set aside because they could not be taken in (too large, unreadable)
     * @param mailsSent notifications sent to requesters
     * @param mailsWaiting notifications not sent yet (waiting for their first attempt, or for the SMTP server)
     * @param mailsFailed notifications given up after a day of failed attempts
     */
    record MailStatus(boolean enabled, boolean sending, @Nullable String mailbox, @Nullable String channel,
            @Nullable String watch, @Nullable Instant lastPoll, @Nullable String error, int windowDays, Instant since, long received,
            long ticketsCreated, long repliesThreaded, long setAside, long rejected, long mailsSent, long mailsWaiting,
            long mailsFailed) {
    }

    @GetMapping("/status")
    @Operation(summary = "The e-mail channel: the mailbox's state and the mail taken in and sent over the last `days` "
            + "days")
    MailStatus status(@RequestParam(defaultValue = "30") int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw new InvalidFieldException("days", "days must be between 1 and " + MAX_DAYS);
        }
        Instant since = clock.instant().minus(Duration.ofDays(days));
        MailStore.Counts counts = store.counts(since);
        MailHealth here = health.getIfAvailable();
        ChannelStatus.Status seen = here == null ? null
                : shared.find(MailHealth.CHANNEL).orElse(new ChannelStatus.Status(null, null, null, null, null))
                        .asOf(clock.instant(), properties.pollInterval());
        return new MailStatus(properties.intakeEnabled(), properties.sendingEnabled(),
                here == null ? null : here.mailbox(),
                seen == null ? null : seen.state() == null ? "not-polled" : seen.state(),
                seen == null ? null : seen.watch(), seen == null ? null : seen.lastPoll(),
                seen == null ? null : seen.currentError(), days, since,
                counts.received(), counts.tickets(), counts.replies(), counts.setAside(), counts.rejected(),
                counts.sent(), counts.waiting(), counts.failed());
    }
}
