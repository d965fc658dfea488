package io.tickettriage.comment;

import java.time.Clock;
import java.util.List;

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

    @Transactional
    public Comment add(long ticketId, String text) {
        tickets.get(ticketId);
        Comment comment = comments.insert(ticketId, text.strip(), clock.instant());
        events.publishEvent(new CommentAdded(comment));
        return comment;
    }

    public List<Comment> list(long ticketId) {
        tickets.get(ticketId);
        return comments.findByTicket(ticketId);
    }
}
