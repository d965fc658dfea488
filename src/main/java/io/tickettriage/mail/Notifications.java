package io.tickettriage.mail;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import io.tickettriage.access.Caller;
import io.tickettriage.comment.CommentAdded;
import io.tickettriage.jobs.JobQueue;
import io.tickettriage.ticket.Ticket;
import io.tickettriage.ticket.TicketEvents.TicketClosed;
import io.tickettriage.ticket.TicketManagement;

import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Mail to the requester of a ticket that came by e-mail: when it is received, when an agent adds a public comment,
 * and when it is closed. Internal comments and the requester's own replies are never mailed. Each notification is a
 * row written in the transaction of the change it announces and sent by a durable job ({@link SendMailJob}): an
 * SMTP outage delays mail, never loses it, and never holds up the change.
 */
@Component
class Notifications {

    private static final int MAX_REFERENCES = 20;

    private final MailProperties properties;
    private final MailStore store;
    private final JobQueue jobs;
    private final TicketManagement tickets;
    private final Clock clock;

    Notifications(MailProperties properties, MailStore store, JobQueue jobs, TicketManagement tickets, Clock clock) {
        this.properties = properties;
        this.store = store;
        this.jobs = jobs;
        this.tickets = tickets;
        this.clock = clock;
    }

    /** Acknowledges a new ticket, answering the mail that opened it. */
    void received(Ticket ticket) {
        queue(ticket, "received", "Your request has been received as ticket #" + ticket.id() + ": "
                + ticket.title() + "\n\nTo add to it, reply to this message (keep [#" + ticket.id()
                + "] in the subject).\n");
    }

    @EventListener
    void on(CommentAdded event) {
        if (event.comment().internal()) {
            return;
        }
        // Only an agent's comment is news to the requester: mail taken in has no caller, and a requester's comment
        // on the dashboard is their own.
        Caller caller = Caller.current();
        if (caller == null || !caller.isAgent()) {
            return;
        }
        tickets.find(event.comment().ticketId()).ifPresent(ticket -> queue(ticket, "reply",
                "There is a new reply on ticket #" + ticket.id() + " (" + ticket.title() + "):\n\n"
                        + event.comment().text() + "\n\n-- \nReply to this message to answer.\n"));
    }

    @EventListener
    void on(TicketClosed event) {
        Ticket ticket = event.ticket();
        queue(ticket, "closed", "Ticket #" + ticket.id() + " (" + ticket.title() + ") has been closed.\n\n"
                + "If the problem is not solved, reply to this message and the ticket is reopened.\n");
    }

    private void queue(Ticket ticket, String kind, String body) {
        String recipient = ticket.requesterEmail();
        if (!properties.sendingEnabled() || !Ticket.CHANNEL_EMAIL.equals(ticket.channel()) || recipient == null
                || LoopGuard.neverMailTo(recipient, properties.fromAddress())) {
            return;
        }
        List<String> thread = store.thread(ticket.id());
        List<String> references = thread.subList(Math.max(0, thread.size() - MAX_REFERENCES), thread.size());
        @Nullable String inReplyTo = thread.isEmpty() ? null : thread.getFirst();
        String subject = "[#" + ticket.id() + "] " + ticket.title();
        long id = store.queue(ticket.id(), kind, messageId(ticket.id()), recipient, subject, body, inReplyTo,
                references.isEmpty() ? null : String.join(" ", references), clock.instant());
        jobs.enqueue(SendMailJob.TYPE, id);
    }

    private String messageId(long ticketId) {
        String from = properties.fromAddress();
        String domain = from == null ? "ticket-triage.invalid" : from.substring(from.lastIndexOf('@') + 1);
        return "<ticket-" + ticketId + "." + UUID.randomUUID() + "@" + domain + ">";
    }
}
