package io.tickettriage.assignment;

import io.tickettriage.comment.CommentAdded;
import io.tickettriage.ticket.Ticket;
import io.tickettriage.ticket.TicketEvents.TicketClosed;
import io.tickettriage.ticket.TicketEvents.TicketCorrected;
import io.tickettriage.ticket.TicketEvents.TicketUpdated;
import io.tickettriage.ticket.TicketServiceLevels;
import io.tickettriage.ticket.TicketStatus;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * What other changes mean for assignment and service levels. A routed ticket nobody has (moved to another team,
 * routed by hand, returned to the queue) is assigned in its team; a closed ticket frees a place for its assignee's
 * teams' queues; an agent's first public comment is the ticket's first response; a priority change may bring a
 * service-level moment closer.
 */
@Component
class AssignmentTriggers {

    private final AssignmentManagement assignment;
    private final TicketServiceLevels serviceLevels;
    private final PeriodicChecks checks;

    AssignmentTriggers(AssignmentManagement assignment, TicketServiceLevels serviceLevels, PeriodicChecks checks) {
        this.assignment = assignment;
        this.serviceLevels = serviceLevels;
        this.checks = checks;
    }

    /**
     * A new priority, or a team with other business hours, gives new due times, perhaps passed already or before the
     * next regular check.
     */
    @TransactionalEventListener
    void on(TicketCorrected event) {
        if (event.corrections().stream().anyMatch(correction -> correction.field().equals("priority")
                || correction.field().equals("assigned_to"))) {
            checks.dueTimesChanged();
        }
    }

    @TransactionalEventListener
    void on(TicketUpdated event) {
        Ticket ticket = event.ticket();
        if (ticket.status() == TicketStatus.ROUTED && ticket.assignee() == null && !ticket.assignedTo().isEmpty()
                && !Ticket.MANUAL_REVIEW.equals(ticket.assignedTo())) {
            assignment.assignSoon(ticket.id());
        }
    }

    @TransactionalEventListener
    void on(TicketClosed event) {
        String assignee = event.ticket().assignee();
        if (assignee != null) {
            assignment.releaseTeamsOfSoon(assignee);
        }
    }

    /** In the comment's transaction: the response is recorded with the comment or not at all. */
    @EventListener
    void on(CommentAdded event) {
        if (event.byAgent() && !event.comment().internal()) {
            serviceLevels.recordFirstResponse(event.comment().ticketId());
        }
    }
}
