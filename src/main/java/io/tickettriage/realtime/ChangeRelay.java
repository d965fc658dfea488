package io.tickettriage.realtime;

import java.util.Map;

import io.tickettriage.comment.CommentAdded;
import io.tickettriage.incident.IncidentDetected;
import io.tickettriage.ticket.Ticket;
import io.tickettriage.ticket.ServiceLevelMeasure;
import io.tickettriage.ticket.TicketEvents.ServiceLevelBreached;
import io.tickettriage.ticket.TicketEvents.ServiceLevelWarning;
import io.tickettriage.ticket.TicketEvents.TicketAssigned;
import io.tickettriage.ticket.TicketEvents.TicketCreated;
import io.tickettriage.ticket.TicketEvents.TicketDeleted;
import io.tickettriage.ticket.TicketEvents.TicketRouted;
import io.tickettriage.ticket.TicketEvents.TicketUpdated;

import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import tools.jackson.databind.json.JsonMapper;

/**
 * Turns committed domain events into live events. Each listener runs once after its transaction commits, so
 * a client never hears of a change that was rolled back, and a client that hears of a ticket can read it.
 *
 * <p>The listeners run first among the after-commit callbacks: {@code ticket_created} is handed to the
 * fan-out before the triage workers are woken, so it always precedes {@code ticket_routed}.
 */
@Component
class ChangeRelay {

    private final EventBroadcaster broadcaster;
    private final JsonMapper json;

    ChangeRelay(EventBroadcaster broadcaster, JsonMapper json) {
        this.broadcaster = broadcaster;
        this.json = json;
    }

    @TransactionalEventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(TicketCreated event) {
        send(LiveEvent.TICKET_CREATED, event.ticket());
    }

    @TransactionalEventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(TicketRouted event) {
        send(LiveEvent.TICKET_ROUTED, event.ticket());
    }

    @TransactionalEventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(TicketUpdated event) {
        send(LiveEvent.TICKET_UPDATED, event.ticket());
    }

    @TransactionalEventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(TicketAssigned event) {
        send(LiveEvent.TICKET_ASSIGNED, event.ticket());
    }

    /** Service levels are the agents' business: {@code {"measure": "first_response", "ticket": {...}}}. */
    @TransactionalEventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(ServiceLevelWarning event) {
        send(LiveEvent.SLA_WARNING, serviceLevel(event.measure(), event.ticket()), null, true);
    }

    @TransactionalEventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(ServiceLevelBreached event) {
        send(LiveEvent.SLA_BREACHED, serviceLevel(event.measure(), event.ticket()), null, true);
    }

    private static Map<String, Object> serviceLevel(ServiceLevelMeasure measure, Ticket ticket) {
        return Map.of("measure", measure, "ticket", ticket);
    }

    @TransactionalEventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(TicketDeleted event) {
        send(LiveEvent.TICKET_DELETED, Map.of("id", event.id()), event.createdBy(), false);
    }

    @TransactionalEventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(IncidentDetected event) {
        send(LiveEvent.INCIDENT_DETECTED, event.incident(), null, true);
    }

    @TransactionalEventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(CommentAdded event) {
        send(LiveEvent.NEW_COMMENT, event.comment(), event.ticketOwner(), event.comment().internal());
    }

    /** A ticket's event: its requester hears of it too, without other people's tickets among its duplicates. */
    private void send(String name, Ticket ticket) {
        Ticket owners = ticket.asSeenByItsRequester();
        broadcaster.broadcast(new LiveEvent(name, json.writeValueAsString(ticket), ticket.createdBy(), false,
                owners == ticket ? null : json.writeValueAsString(owners)));
    }

    private void send(String name, Object payload, @Nullable String owner, boolean agentsOnly) {
        broadcaster.broadcast(new LiveEvent(name, json.writeValueAsString(payload), owner, agentsOnly));
    }
}
