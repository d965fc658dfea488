package io.tickettriage.comment;

import java.time.Clock;
import java.util.List;

import io.tickettriage.access.Caller;
import io.tickettriage.system.ForbiddenException;
import io.tickettriage.system.StorableText;
import io.tickettriage.ticket.Ticket;
import io.tickettriage.ticket.TicketManagement;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Comments on tickets: the entry point of this module. */
@Service
public class CommentManagement {

    private final CommentRepository comments;
    private final TicketManagement tickets;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CommentManagement(CommentRepository comments, TicketManagement tickets, ApplicationEventPublisher events,
            Clock clock) {
        this.comments = comments;
        this.tickets = tickets;
        this.events = events;
        this.clock = clock;
    }

    /** Adds a public comment on behalf of the system or a requester (a reply by e-mail): not an agent's answer. */
    @Transactional
    public Comment add(long ticketId, String text) {
        return insert(tickets.get(ticketId), text, false, false);
    }

    /** Adds a comment for a caller who may read the ticket; only agents may make it internal. */
    @Transactional
    public Comment add(long ticketId, String text, boolean internal, Caller caller) {
        Ticket ticket = tickets.getVisibleTo(ticketId, caller);
        if (internal && !caller.isAgent()) {
            throw new ForbiddenException("Only agents may write internal comments");
        }
        return insert(ticket, text, internal, caller.isAgent());
    }

    private Comment insert(Ticket ticket, String text, boolean internal, boolean byAgent) {
        // a reply by e-mail may carry a NUL character
        Comment comment = comments.insert(ticket.id(), StorableText.withoutNul(text).strip(), internal,
                clock.instant());
        events.publishEvent(new CommentAdded(comment, ticket.createdBy(), byAgent));
        return comment;
    }

    /** Every comment, internal ones included. */
    public List<Comment> list(long ticketId) {
        tickets.get(ticketId);
        return comments.findByTicket(ticketId, true);
    }

    /** The comments this caller may read: a requester's own tickets only, and never internal ones. */
    public List<Comment> list(long ticketId, Caller caller) {
        return list(ticketId, caller, 0, Integer.MAX_VALUE);
    }

    /** A page of the comments this caller may read: those after the comment id {@code after}, oldest first. */
    public List<Comment> list(long ticketId, Caller caller, long after, int limit) {
        tickets.getVisibleTo(ticketId, caller);
        return comments.findByTicket(ticketId, caller.isAgent(), after, limit);
    }
}
