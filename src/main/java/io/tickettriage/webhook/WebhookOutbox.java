package io.tickettriage.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import io.tickettriage.comment.CommentAdded;
import io.tickettriage.incident.IncidentDetected;
import io.tickettriage.system.AfterCommit;
import io.tickettriage.ticket.Ticket;
import io.tickettriage.ticket.TicketEvents.ServiceLevelBreached;
import io.tickettriage.ticket.TicketEvents.ServiceLevelWarning;
import io.tickettriage.ticket.TicketEvents.TicketAssigned;
import io.tickettriage.ticket.TicketEvents.TicketCreated;
import io.tickettriage.ticket.TicketEvents.TicketDeleted;
import io.tickettriage.ticket.TicketEvents.TicketRouted;
import io.tickettriage.ticket.TicketEvents.TicketUpdated;

import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;

import tools.jackson.databind.json.JsonMapper;

/**
 * Records a delivery for each subscription that wants an event, inside the transaction that publishes the event:
 * the rows commit with the change or not at all, so a crash can neither lose a delivery nor announce a change that
 * was rolled back. The payload is the REST API's JSON of the subject at that moment.
 *
 * <p>Unlike the live events, which are sent after commit and may be missed, this listener is synchronous
 * ({@code @EventListener}, not {@code @TransactionalEventListener}).
 */
final class WebhookOutbox {

    private final SubscriptionStore subscriptions;
    private final DeliveryStore deliveries;
    private final JsonMapper json;
    private final Clock clock;
    private final Runnable committed;

    /** @param committed run after the transaction that recorded deliveries commits (wakes the dispatcher) */
    WebhookOutbox(SubscriptionStore subscriptions, DeliveryStore deliveries, JsonMapper json, Clock clock,
            Runnable committed) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.json = json;
        this.clock = clock;
        this.committed = committed;
    }

    @EventListener
    void on(TicketCreated event) {
        record(EventNames.TICKET_CREATED, false, () -> event.ticket());
    }

    @EventListener
    void on(TicketRouted event) {
        // A ticket is routed once, but its routing may be announced twice (see ClassifyTicketJob): the delivery id
        // is derived from the ticket, so the second announcement finds its delivery recorded already.
        // The creation time keeps the id unique should the database be recreated and ticket ids start again.
        String id = event.ticket().id() + ":" + event.ticket().createdAt().toEpochMilli();
        record(EventNames.TICKET_ROUTED, false, () -> event.ticket(), id);
        if (Ticket.MANUAL_REVIEW.equals(event.ticket().assignedTo())) {
            record(EventNames.TICKET_NEEDS_REVIEW, false, () -> event.ticket(), id);
        }
    }

    @EventListener
    void on(TicketUpdated event) {
        record(EventNames.TICKET_UPDATED, false, () -> event.ticket());
    }

    @EventListener
    void on(TicketDeleted event) {
        record(EventNames.TICKET_DELETED, false, () -> Map.of("id", event.id()));
    }

    @EventListener
    void on(CommentAdded event) {
        record(EventNames.NEW_COMMENT, event.comment().internal(), () -> event.comment());
    }

    @EventListener
    void on(TicketAssigned event) {
        record(EventNames.TICKET_ASSIGNED, false, () -> event.ticket());
    }

    /** Announced once per ticket and measure (the flag's conditional update), so the delivery id can say so. */
    @EventListener
    void on(ServiceLevelWarning event) {
        record(EventNames.SLA_WARNING, false, () -> Map.of("measure", event.measure(), "ticket", event.ticket()),
                event.ticket().id() + ":" + event.ticket().createdAt().toEpochMilli() + ":" + event.measure().value()
                        + ":" + dueOf(event.ticket(), event.measure()));
    }

    @EventListener
    void on(ServiceLevelBreached event) {
        record(EventNames.SLA_BREACHED, false, () -> Map.of("measure", event.measure(), "ticket", event.ticket()),
                event.ticket().id() + ":" + event.ticket().createdAt().toEpochMilli() + ":" + event.measure().value()
                        + ":" + dueOf(event.ticket(), event.measure()));
    }

    /** A priority change gives new due times, which may be warned of and missed again. */
    private static @Nullable Instant dueOf(Ticket ticket, io.tickettriage.ticket.ServiceLevelMeasure measure) {
        return measure == io.tickettriage.ticket.ServiceLevelMeasure.FIRST_RESPONSE ? ticket.firstResponseDue()
                : ticket.resolutionDue();
    }

    @EventListener
    void on(IncidentDetected event) {
        record(EventNames.INCIDENT_DETECTED, false, () -> event.incident());
    }

    private void record(String event, boolean internal, Supplier<Object> subject) {
        record(event, internal, subject, null);
    }

    /** @param onceFor the ticket whose only such event this is; null when the event can happen again */
    private void record(String event, boolean internal, Supplier<Object> subject, @Nullable String onceFor) {
        List<SubscriptionStore.Listener> listeners = subscriptions.activeListeners().stream()
                .filter(listener -> EventNames.matches(listener.events(), event))
                .filter(listener -> !internal || listener.internalComments())
                .toList();
        if (listeners.isEmpty()) {
            return;
        }
        String payload = json.writeValueAsString(subject.get());
        Instant now = clock.instant();
        for (SubscriptionStore.Listener listener : listeners) {
            String deliveryId = onceFor == null ? UUID.randomUUID().toString()
                    : UUID.nameUUIDFromBytes((listener.id() + ":" + event + ":" + onceFor)
                            .getBytes(StandardCharsets.UTF_8)).toString();
            deliveries.insert(listener.id(), deliveryId, event, payload, now, now, null);
        }
        AfterCommit.run(committed);
    }
}
