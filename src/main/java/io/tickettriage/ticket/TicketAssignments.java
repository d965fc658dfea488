package io.tickettriage.ticket;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.tickettriage.ticket.TicketEvents.TicketAssigned;
import io.tickettriage.ticket.TicketEvents.TicketUpdated;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Team queues and who works on which ticket, for the assignment module: its policies decide, this records the
 * decision. Each change names the state it expects (see {@link TicketQueues}), so that of several processes
 * assigning at once exactly one succeeds. Like {@link TicketManagement}, each change is one transaction (or joins
 * the caller's) and publishes what changed; reads run without one.
 */
@Service
public class TicketAssignments {

    private final TicketManagement tickets;
    private final TicketQueues queues;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TicketAssignments(TicketManagement tickets, TicketQueues queues, ApplicationEventPublisher events, Clock clock) {
        this.tickets = tickets;
        this.queues = queues;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Gives a ticket waiting in {@code team}'s queue to {@code agent}, announcing it ({@code ticket_assigned}).
     * Empty when the ticket no longer waits there: another process assigned it, a person chose an assignee, it
     * moved to another team or was closed. Never replaces an assignee.
     */
    @Transactional
    public Optional<Ticket> assign(long id, String team, String agent, String reason) {
        if (!queues.assign(id, team, agent, reason, clock.instant())) {
            return Optional.empty();
        }
        Ticket ticket = updated(id);
        events.publishEvent(new TicketAssigned(ticket, null, false));
        return Optional.of(ticket);
    }

    /**
     * Returns every open ticket of an agent who leaves to their team's queue, in the caller's transaction; each is
     * published as updated (and so assigned again by its team's policy). Closed tickets keep the name: they are
     * history. Returns the ids of the tickets returned.
     */
    @Transactional
    public List<Long> returnToQueue(String agent) {
        Instant now = clock.instant();
        List<Long> returned = new ArrayList<>();
        for (long id : queues.openTicketsOf(agent)) {
            if (queues.unassign(id, agent, now)) {
                updated(id);
                returned.add(id);
            }
        }
        return returned;
    }

    /** How many open tickets each of these agents has; agents with none are missing. */
    public Map<String, Long> openTicketCounts(Collection<String> agents) {
        return queues.openCounts(agents);
    }

    /** The ids of the oldest tickets waiting for an agent in a team's queue. */
    public List<Long> waitingTickets(String team, int limit) {
        return queues.waiting(team, limit);
    }

    /** The teams whose queues hold tickets waiting for an agent. */
    public List<String> teamsWithWaitingTickets() {
        return queues.teamsWithWaitingTickets();
    }

    /** Who had each of these tickets when it was closed, for the closed ones that had an assignee. */
    public Map<Long, String> closedBy(Collection<Long> ids) {
        return queues.closedBy(ids);
    }

    private Ticket updated(long id) {
        Ticket ticket = tickets.get(id);
        events.publishEvent(new TicketUpdated(ticket));
        return ticket;
    }
}
