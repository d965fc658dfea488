package io.tickettriage.mail;

import java.time.Clock;
import java.util.Optional;

import io.tickettriage.jobs.JobHandler;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends one notification from the outbox. At least once: a crash after the SMTP server took the mail and before it
 * is marked sent sends it again on the next attempt. Retried with waits growing to five minutes for about a day
 * before it is given up, so that an SMTP outage delays mail without losing it.
 */
@Component
class SendMailJob implements JobHandler {

    static final String TYPE = "mail-send";
    private static final Logger log = LoggerFactory.getLogger(SendMailJob.class);

    private final MailStore store;
    private final @Nullable MailSender sender;
    private final MailMetrics metrics;
    private final Clock clock;

    SendMailJob(MailStore store, Optional<MailSender> sender, MailMetrics metrics, Clock clock) {
        this.store = store;
        this.sender = sender.orElse(null);
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void handle(long outboxId) throws Exception {
        Optional<MailStore.Outgoing> mail = store.outgoing(outboxId);
        if (mail.isEmpty() || mail.get().sentAt() != null) {
            return;
        }
        if (sender == null) {
            throw new IllegalStateException("TRIAGE_MAIL_SMTP_URL and TRIAGE_MAIL_FROM are not set in this process");
        }
        try {
            sender.send(mail.get());
        } catch (Exception e) {
            metrics.failure("send");
            log.warn("Could not send mail {} for ticket {} to {}: {}", outboxId, mail.get().ticketId(),
                    mail.get().recipient(), e.getMessage());
            throw e;
        }
        store.markSent(outboxId, clock.instant());
        metrics.sent.increment();
    }

    /** With waits capped at five minutes, about 24 hours of attempts. */
    @Override
    public int maxAttempts(int configured) {
        return Math.max(configured, 300);
    }

    @Override
    public void giveUp(long outboxId, String reason) {
        log.error("Mail {} could not be sent and is given up: {}", outboxId, reason);
        store.markFailed(outboxId, reason);
    }
}
