package io.tickettriage.connector;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

import io.tickettriage.ticket.Priority;
import io.tickettriage.ticket.TeamCatalog;
import io.tickettriage.ticket.Ticket;
import io.tickettriage.ticket.TicketManagement;
import io.tickettriage.ticket.TicketManagement.AgentChange;
import io.tickettriage.ticket.TicketManagement.NewTicket;
import io.tickettriage.ticket.TicketStatus;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes in a helpdesk ticket, however it arrived (webhook or poll), and as often as it arrives. A ticket seen for the
 * first time becomes a product ticket on the connector's channel, in the transaction that writes its mapping row:
 * the triage pipeline routes it like any other. A ticket seen again is compared with what was last seen: a close
 * closes the product ticket (the learning loop learns its final group as the team), an agent's move to another group
 * or another priority is an agent's correction, a reopen reopens. A change the product's own write-back made is
 * recognised as such and learns nothing.
 */
@Service
class ConnectorIntake {

    private static final Logger log = LoggerFactory.getLogger(ConnectorIntake.class);

    /** What taking a ticket in did. */
    enum Outcome {
        CREATED, UPDATED, UNCHANGED, IGNORED
    }

    record Taken(Outcome outcome, @Nullable Long ticketId) {
    }

    private final ConnectorStore store;
    private final TicketManagement tickets;
    private final TeamCatalog teams;
    private final ConnectorMetrics metrics;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ConnectorIntake(ConnectorStore store, TicketManagement tickets, TeamCatalog teams, ConnectorMetrics metrics,
            PlatformTransactionManager transactionManager, Clock clock) {
        this.store = store;
        this.tickets = tickets;
        this.teams = teams;
        this.metrics = metrics;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /**
     * Takes a ticket in. Its description is read from the helpdesk first when it is new and came without one (out
     * of any transaction: a slow helpdesk must not hold the database).
     *
     * @param via {@code webhook} or {@code poll}, for metrics
     */
    Taken take(HelpdeskConnector connector, HelpdeskTicket seen, String via) throws HelpdeskException {
        Optional<ConnectorStore.Mapping> known = store.find(connector.name(), seen.externalId());
        if (known.isEmpty()) {
            if (seen.closed()) {
                // Closed before the product saw it: history, which the import takes, not a ticket to triage.
                return new Taken(Outcome.IGNORED, null);
            }
            HelpdeskTicket complete = seen.description() == null ? connector.withDescription(seen) : seen;
            try {
                Taken taken = Objects.requireNonNull(transactions.execute(status -> create(connector, complete)));
                metrics.received(connector.name(), via);
                return taken;
            } catch (DataAccessException e) {
                // Another process (the webhook and the poller at once) took it first: the unique mapping row refused
                // ours and the transaction, with its product ticket, rolled back; its row wins. (SQLite's driver
                // reports the unique constraint uncategorized, hence the look rather than the exception's type.)
                known = store.find(connector.name(), seen.externalId());
                if (known.isEmpty()) {
                    throw e;
                }
            }
        }
        ConnectorStore.Mapping mapping = known.get();
        return Objects.requireNonNull(transactions.execute(status -> observe(connector, mapping, seen)));
    }

    private Taken create(HelpdeskConnector connector, HelpdeskTicket seen) {
        String title = seen.title().isBlank() ? "(no title)" : seen.title().strip();
        String description = seen.description() == null ? "" : seen.description();
        Ticket ticket = tickets.create(new NewTicket(title, description, null, null, connector.name(),
                connector.name(), null));
        store.insertLive(connector.name(), seen, ticket.id(), clock.instant());
        log.info("{} ticket {} taken in as ticket {}", connector.name(), seen.externalId(), ticket.id());
        return new Taken(Outcome.CREATED, ticket.id());
    }

    private Taken observe(HelpdeskConnector connector, ConnectorStore.Mapping mapping, HelpdeskTicket seen) {
        boolean groupChanged = !Objects.equals(seen.group(), mapping.lastGroup());
        boolean priorityChanged = !Objects.equals(seen.priority(), mapping.lastPriority());
        boolean closing = seen.closed() && !mapping.closedInHelpdesk();
        boolean reopening = !seen.closed() && mapping.closedInHelpdesk();
        if (!groupChanged && !priorityChanged && !closing && !reopening) {
            if (!Objects.equals(seen.state(), mapping.lastState())) {
                store.seen(mapping.id(), seen, clock.instant()); // new -> open: nothing to learn
            }
            return new Taken(Outcome.UNCHANGED, mapping.ticketId());
        }
        store.seen(mapping.id(), seen, clock.instant());
        Long ticketId = mapping.ticketId();
        Optional<Ticket> product = ticketId == null ? Optional.empty() : tickets.find(ticketId);
        if (product.isEmpty()) {
            return new Taken(Outcome.UPDATED, ticketId);
        }
        Ticket ticket = product.get();
        if (reopening && ticket.status() == TicketStatus.CLOSED) {
            // the helpdesk reopened it: what was learnt from its close no longer holds
            ticket = tickets.changeStatus(ticket.id(), TicketStatus.ROUTED);
            metrics.learned(connector.name(), "reopened");
        }
        if (ticket.status() != TicketStatus.CLOSED) {
            correct(connector, mapping, seen, ticket, groupChanged || closing, priorityChanged || closing);
            if (closing) {
                Ticket closed = tickets.changeStatus(ticket.id(), TicketStatus.CLOSED);
                metrics.learned(connector.name(), "closed");
                log.info("{} closed ticket {}: ticket {} closed with team {}", connector.name(), seen.externalId(),
                        closed.id(), closed.assignedTo());
            }
        }
        return new Taken(Outcome.UPDATED, ticket.id());
    }

    /**
     * Brings the product ticket's team and priority to the helpdesk's where an agent chose them: moved since the last
     * look, or, at the close, the final ones (the agents kept them, which says as much). A value the product's own
     * write-back set is not an agent's choice. Recorded as the agent's correction, which the engine learns from.
     */
    private void correct(HelpdeskConnector connector, ConnectorStore.Mapping mapping, HelpdeskTicket seen,
            Ticket ticket, boolean lookAtGroup, boolean lookAtPriority) {
        String team = null;
        String group = seen.group();
        if (lookAtGroup && group != null && !group.equals(ticket.assignedTo()) && !group.equals(mapping.writtenGroup())) {
            if (teams.contains(group)) {
                team = group;
            } else {
                log.info("{} ticket {} is in group '{}', which is not a team of the product (import the history to "
                        + "make the helpdesk's groups its teams)", connector.name(), seen.externalId(), group);
            }
        }
        Priority priority = null;
        if (lookAtPriority && seen.priority() != null && !seen.priority().equals(mapping.writtenPriority())) {
            priority = connector.priority(seen.priority()).filter(p -> p != ticket.priority()).orElse(null);
        }
        if (team != null || priority != null) {
            tickets.change(ticket.id(), new AgentChange(team, priority == null ? null : priority.label(), null,
                    connector.name() + " agent"));
            if (team != null) {
                metrics.learned(connector.name(), "moved");
            }
            if (priority != null) {
                metrics.learned(connector.name(), "priority");
            }
        }
    }
}
