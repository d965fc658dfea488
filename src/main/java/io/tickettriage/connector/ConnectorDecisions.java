package io.tickettriage.connector;

import java.time.Clock;

import io.tickettriage.jobs.JobQueue;
import io.tickettriage.ticket.Ticket;
import io.tickettriage.ticket.TicketEvents.TicketRouted;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Records the engine's decision on a helpdesk ticket, in the transaction that routes it, and in suggest and auto
 * mode queues the write-back job there too: the job exists exactly when the decision was committed, and a helpdesk
 * that is down delays it, never loses it. Only the first decision counts; a routing announced again changes nothing.
 */
@Component
class ConnectorDecisions {

    private final ConnectorRegistry connectors;
    private final ConnectorStore store;
    private final JobQueue jobs;
    private final Clock clock;

    ConnectorDecisions(ConnectorRegistry connectors, ConnectorStore store, JobQueue jobs, Clock clock) {
        this.connectors = connectors;
        this.store = store;
        this.jobs = jobs;
        this.clock = clock;
    }

    @EventListener
    void on(TicketRouted event) {
        Ticket ticket = event.ticket();
        if (!connectors.isConnectorChannel(ticket.channel())) {
            return;
        }
        store.findByTicket(ticket.id()).ifPresent(mapping -> {
            HelpdeskConnector connector = connectors.find(mapping.connector()).orElseThrow();
            boolean autoRoutable = !Ticket.MANUAL_REVIEW.equals(ticket.assignedTo());
            String team = autoRoutable || ticket.bestGuess() == null ? ticket.assignedTo() : ticket.bestGuess();
            boolean writeBack = connector.enabled() && connector.mode() != ConnectorMode.SHADOW;
            if (store.decide(mapping.id(), team, ticket.priority().label(), ticket.confidence(), autoRoutable,
                    writeBack, clock.instant()) && writeBack) {
                jobs.enqueue(WriteBackJob.TYPE, mapping.id());
            }
        });
    }
}
