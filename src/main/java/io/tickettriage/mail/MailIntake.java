package io.tickettriage.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

import io.tickettriage.comment.Comment;
import io.tickettriage.comment.CommentManagement;
import io.tickettriage.ticket.Ticket;
import io.tickettriage.ticket.TicketManagement;
import io.tickettriage.ticket.TicketManagement.NewTicket;
import io.tickettriage.ticket.TicketStatus;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns a message into a ticket, or into a comment on the ticket it answers, and records its Message-ID in the same
 * transaction: once this returns, the message is taken, and taking it again changes nothing. Mail that must not
 * become a ticket (auto-replies, a throttled sender, what cannot be read) is recorded as set aside, with the reason.
 */
@Service
class MailIntake {

    private static final Logger log = LoggerFactory.getLogger(MailIntake.class);

    /** What became of a message, and the ticket it went to. */
    record Taken(MailStore.Outcome outcome, @Nullable Long ticketId, boolean duplicate) {
    }

    private final MailStore store;
    private final TicketManagement tickets;
    private final CommentManagement comments;
    private final Notifications notifications;
    private final MailProperties properties;
    private final MailMetrics metrics;
    private final Clock clock;

    MailIntake(MailStore store, TicketManagement tickets, CommentManagement comments, Notifications notifications,
            MailProperties properties, MailMetrics metrics, Clock clock) {
        this.store = store;
        this.tickets = tickets;
        this.comments = comments;
        this.notifications = notifications;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Transactional
    public Taken take(InboundMail mail) {
        if (store.known(mail.messageId())) {
            return new Taken(MailStore.Outcome.IGNORED, null, true);
        }
        metrics.received.increment();
        Instant now = clock.instant();
        if (mail.autoReply() != null) {
            return setAside(mail, MailStore.Outcome.IGNORED, "auto-reply", mail.autoReply(), now);
        }
        String sender = mail.sender();
        if (sender == null) {
            return setAside(mail, MailStore.Outcome.REJECTED, "unreadable", "no sender address could be read", now);
        }
        Optional<Ticket> thread = threadOf(mail);
        if (thread.isPresent()) {
            return reply(mail, sender, thread.get(), now);
        }
        if (store.ticketsFrom(sender, now.minus(Duration.ofHours(1))) >= properties.maxTicketsPerSenderPerHour()) {
            return setAside(mail, MailStore.Outcome.THROTTLED, "throttled", sender + " opened "
                    + properties.maxTicketsPerSenderPerHour() + " tickets within the hour", now);
        }
        Ticket ticket = tickets.create(NewTicket.byEmail(title(mail), mail.description(), sender));
        store.record(mail.messageId(), sender, MailStore.Outcome.TICKET, null, ticket.id(), null, now);
        notifications.received(ticket);
        metrics.ticketsCreated.increment();
        return new Taken(MailStore.Outcome.TICKET, ticket.id(), false);
    }

    /** Records a message that is not taken in, such as one over the size bound, so that it is looked at once. */
    @Transactional
    public Taken setAside(String messageId, @Nullable String sender, String metric, String reason) {
        if (store.known(messageId)) {
            return new Taken(MailStore.Outcome.REJECTED, null, true);
        }
        metrics.received.increment();
        log.warn("Mail {} from {} set aside: {}", messageId, sender, reason);
        store.record(messageId, sender, MailStore.Outcome.REJECTED, reason, null, null, clock.instant());
        metrics.setAside(metric);
        return new Taken(MailStore.Outcome.REJECTED, null, false);
    }

    private Taken setAside(InboundMail mail, MailStore.Outcome outcome, String metric, String reason, Instant now) {
        log.info("Mail {} from {} ({}) not taken in: {}", mail.messageId(), mail.sender(), mail.subject(), reason);
        store.record(mail.messageId(), mail.sender(), outcome, reason, null, null, now);
        metrics.setAside(metric);
        return new Taken(outcome, null, false);
    }

    private Taken reply(InboundMail mail, String sender, Ticket ticket, Instant now) {
        if (ticket.status() == TicketStatus.CLOSED) {
            tickets.changeStatus(ticket.id(), TicketStatus.ROUTED);
        }
        boolean requester = sender.equalsIgnoreCase(String.valueOf(ticket.requesterEmail()));
        String origin = "E-mail from " + sender + (requester ? "" : " (not the requester)") + ":\n\n";
        String text = mail.description().isBlank() ? "(no text)" : mail.description();
        Comment comment = comments.add(ticket.id(), origin + text);
        store.record(mail.messageId(), sender, MailStore.Outcome.REPLY, requester ? null : "not the requester",
                ticket.id(), comment.id(), now);
        metrics.repliesThreaded.increment();
        return new Taken(MailStore.Outcome.REPLY, ticket.id(), false);
    }

    /** The ticket this mail answers: by the Message-IDs it refers to, else by a {@code [#123]} in its subject. */
    private Optional<Ticket> threadOf(InboundMail mail) {
        OptionalLong byHeaders = store.ticketOf(mail.inReplyTo());
        if (byHeaders.isPresent()) {
            Optional<Ticket> ticket = tickets.find(byHeaders.getAsLong());
            if (ticket.isPresent()) {
                return ticket;
            }
        }
        OptionalLong tagged = MailText.ticketTag(mail.subject());
        return tagged.isPresent() ? tickets.find(tagged.getAsLong()) : Optional.empty();
    }

    /** The subject without reply prefixes, or the first line of the text when there is no subject. */
    private static String title(InboundMail mail) {
        String title = MailText.title(mail.subject());
        if (!title.equals(MailText.NO_SUBJECT) || mail.text().isBlank()) {
            return title;
        }
        String firstLine = mail.text().strip().lines().findFirst().orElse("").strip();
        return firstLine.isEmpty() ? title : MailText.title(firstLine);
    }
}
