package io.tickettriage.connector;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

import io.tickettriage.jobs.JobHandler;
import io.tickettriage.ticket.Priority;
import io.tickettriage.ticket.Ticket;
import io.tickettriage.ticket.TicketManagement;
import io.tickettriage.ticket.TicketStatus;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes one decision back to its helpdesk, in the connector's mode at the time the job runs: in auto mode, when the
 * team's threshold was met, the group and priority, each only while it is still what the helpdesk ticket was created
 * with (an agent's choice is never overwritten); otherwise, and in suggest mode, an internal note. At least once: a
 * crash after the helpdesk took the change and before it is recorded sends it again (setting a group twice changes
 * nothing; a note may appear twice). Transient failures are retried with waits growing to five minutes for about a
 * day; permanent ones (401, 403, 404, an unexpected answer) are recorded on the ticket's row with the helpdesk's
 * reason and counted, and the health shows the last one.
 */
@Component
class WriteBackJob implements JobHandler {

    static final String TYPE = "connector-writeback";
    private static final Logger log = LoggerFactory.getLogger(WriteBackJob.class);

    private final ConnectorRegistry connectors;
    private final ConnectorStore store;
    private final TicketManagement tickets;
    private final SuggestionNote notes;
    private final ConnectorMetrics metrics;
    private final ConnectorHealth health;
    private final Clock clock;

    WriteBackJob(ConnectorRegistry connectors, ConnectorStore store, TicketManagement tickets, SuggestionNote notes,
            ConnectorMetrics metrics, ConnectorHealth health, Clock clock) {
        this.connectors = connectors;
        this.store = store;
        this.tickets = tickets;
        this.notes = notes;
        this.metrics = metrics;
        this.health = health;
        this.clock = clock;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void handle(long mappingId) throws HelpdeskException {
        Optional<ConnectorStore.Mapping> found = store.get(mappingId);
        if (found.isEmpty() || found.get().writeBack() != ConnectorStore.WriteBack.PENDING) {
            return;
        }
        ConnectorStore.Mapping mapping = found.get();
        HelpdeskConnector connector = connectors.find(mapping.connector()).orElseThrow(() ->
                new IllegalStateException("No connector named " + mapping.connector() + " in this process"));
        if (!connector.enabled()) {
            throw new IllegalStateException("The " + connector.name() + " connector is not configured in this "
                    + "process; its write-backs wait for a worker where it is");
        }
        Optional<Ticket> ticket = mapping.ticketId() == null ? Optional.empty() : tickets.find(mapping.ticketId());
        if (ticket.isEmpty()) {
            finish(connector, mapping, ConnectorStore.WriteBack.SKIPPED, "skipped", "the ticket was deleted", null);
            return;
        }
        try {
            switch (connector.mode()) {
                case SHADOW -> finish(connector, mapping, ConnectorStore.WriteBack.SKIPPED, "skipped",
                        "shadow mode: nothing is written to the helpdesk", null);
                case SUGGEST -> note(connector, mapping, ticket.get());
                case AUTO -> {
                    if (mapping.autoRoutable()) {
                        route(connector, mapping, ticket.get());
                    } else {
                        note(connector, mapping, ticket.get());
                    }
                }
            }
        } catch (HelpdeskException e) {
            metrics.failure(connector.name(), "writeback", e.kind());
            if (e.isTransient()) {
                log.warn("Write-back of {} ticket {} failed, will retry: {}", connector.name(), mapping.externalId(),
                        e.getMessage());
                throw e;
            }
            log.error("Write-back of {} ticket {} failed for good: {}", connector.name(), mapping.externalId(),
                    e.getMessage());
            health.lastError(connector.name(), e.getMessage());
            finish(connector, mapping, ConnectorStore.WriteBack.FAILED, "failed", "nothing written", e.getMessage());
        }
    }

    private void note(HelpdeskConnector connector, ConnectorStore.Mapping mapping, Ticket ticket)
            throws HelpdeskException {
        connector.addInternalNote(mapping.externalId(), notes.text(connector, mapping, ticket));
        finish(connector, mapping, ConnectorStore.WriteBack.DONE, "noted", "internal note added", null);
    }

    private void route(HelpdeskConnector connector, ConnectorStore.Mapping mapping, Ticket ticket)
            throws HelpdeskException {
        HelpdeskTicket now = connector.ticket(mapping.externalId());
        if (now.closed() || ticket.status() == TicketStatus.CLOSED) {
            finish(connector, mapping, ConnectorStore.WriteBack.SKIPPED, "skipped", "the ticket is closed", null);
            return;
        }
        String team = Objects.requireNonNull(mapping.predictedTeam());
        String priority = connector.priorityName(Priority.parse(mapping.predictedPriority()).orElse(ticket.priority()));
        // Each field only while it is what the ticket was created with, or what this write-back set before a crash
        String group = untouched(now.group(), mapping.createdGroup(), mapping.writtenGroup()) ? team : null;
        String newPriority = untouched(now.priority(), mapping.createdPriority(), mapping.writtenPriority())
                ? priority : null;
        group = Objects.equals(group, now.group()) ? null : group;
        newPriority = Objects.equals(newPriority, now.priority()) ? null : newPriority;
        boolean agentKeptGroup = !untouched(now.group(), mapping.createdGroup(), mapping.writtenGroup());
        boolean agentKeptPriority = !untouched(now.priority(), mapping.createdPriority(), mapping.writtenPriority());
        if (group != null || newPriority != null) {
            store.intend(mapping.id(), group, newPriority, clock.instant());
            connector.update(mapping.externalId(), group, newPriority);
        }
        String action = (group == null ? "" : "group set to " + group)
                + (group != null && newPriority != null ? ", " : "")
                + (newPriority == null ? "" : "priority set to " + newPriority);
        String kept = (agentKeptGroup ? "group " + now.group() : "")
                + (agentKeptGroup && agentKeptPriority ? " and " : "")
                + (agentKeptPriority ? "priority " + now.priority() : "");
        if (!kept.isEmpty()) {
            metrics.writeBack(connector.name(), "kept");
            log.info("{} ticket {}: an agent chose the {}; the product's decision does not overwrite it",
                    connector.name(), mapping.externalId(), kept);
        }
        finish(connector, mapping, ConnectorStore.WriteBack.DONE, action.isEmpty() ? "kept" : "updated",
                (action.isEmpty() ? "nothing to change" : action) + (kept.isEmpty() ? "" : "; kept the agent's " + kept),
                null);
    }

    /** Whether the helpdesk still has the value the ticket was created with, or the one the product wrote. */
    private static boolean untouched(@Nullable String current, @Nullable String created, @Nullable String written) {
        return Objects.equals(current, created) || current != null && current.equals(written);
    }

    private void finish(HelpdeskConnector connector, ConnectorStore.Mapping mapping, ConnectorStore.WriteBack state,
            String outcome, String action, @Nullable String error) {
        store.finishWriteBack(mapping.id(), state, action, error, clock.instant());
        metrics.writeBack(connector.name(), outcome);
    }

    /** With waits capped at five minutes, about 24 hours of attempts: a helpdesk outage delays, never loses. */
    @Override
    public int maxAttempts(int configured) {
        return Math.max(configured, 300);
    }

    @Override
    public void giveUp(long mappingId, String reason) {
        log.error("Write-back {} is given up after its last attempt: {}", mappingId, reason);
        store.finishWriteBack(mappingId, ConnectorStore.WriteBack.FAILED, "given up", reason, clock.instant());
    }
}
