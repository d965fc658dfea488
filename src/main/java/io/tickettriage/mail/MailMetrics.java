package io.tickettriage.mail;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/** The channel's counters, under {@code triage.mail.*} (Prometheus: {@code triage_mail_*_total}). */
@Component
class MailMetrics {

    private final MeterRegistry meters;
    final Counter received;
    final Counter ticketsCreated;
    final Counter repliesThreaded;
    final Counter sent;

    MailMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.received = Counter.builder("triage.mail.received").description("Messages taken from the mailbox")
                .register(meters);
        this.ticketsCreated = Counter.builder("triage.mail.tickets.created")
                .description("Tickets created from mail").register(meters);
        this.repliesThreaded = Counter.builder("triage.mail.replies.threaded")
                .description("Replies added to their ticket as comments").register(meters);
        this.sent = Counter.builder("triage.mail.sent").description("Notifications sent to requesters")
                .register(meters);
    }

    /** A message not taken in (auto-reply, throttled, too large, unreadable), by reason. */
    void setAside(String reason) {
        Counter.builder("triage.mail.set.aside").description("Messages not turned into tickets or comments")
                .tag("reason", reason).register(meters).increment();
    }

    /** A failure, by where it happened: {@code mailbox} (reaching or reading it) or {@code send}. */
    void failure(String stage) {
        Counter.builder("triage.mail.failures").description("Failures of the e-mail channel")
                .tag("stage", stage).register(meters).increment();
    }
}
