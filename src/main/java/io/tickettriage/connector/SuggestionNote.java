package io.tickettriage.connector;

import java.util.Locale;
import java.util.Optional;

import io.tickettriage.system.NotFoundException;
import io.tickettriage.ticket.Ticket;
import io.tickettriage.ticket.TicketManagement;

import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The internal note of suggest mode (and of auto mode below the team's threshold): the team, the priority, the
 * calibrated confidence, the engine's reason and the nearest past tickets, linked in the helpdesk when they came from
 * it (a live ticket learned from its close, or one the history import brought in).
 */
@Component
class SuggestionNote {

    private static final int MAX_SIMILAR = 3;

    private final TicketManagement tickets;
    private final ConnectorStore store;

    SuggestionNote(TicketManagement tickets, ConnectorStore store) {
        this.tickets = tickets;
        this.store = store;
    }

    String text(HelpdeskConnector connector, ConnectorStore.Mapping mapping, Ticket ticket) {
        String team = mapping.predictedTeam() == null ? ticket.assignedTo() : mapping.predictedTeam();
        StringBuilder note = new StringBuilder("Ticket Triage suggests group \"").append(team)
                .append("\", priority \"").append(connector.priorityName(ticket.priority())).append("\" (confidence ")
                .append(String.format(Locale.ROOT, "%.0f%%", 100 * (mapping.confidence() == null ? ticket.confidence()
                        : mapping.confidence())))
                .append(mapping.autoRoutable() ? "" : ", below the team's threshold for routing by itself").append(").\n");
        if (ticket.triageReason() != null && !ticket.triageReason().isBlank()) {
            note.append("Why: ").append(ticket.triageReason().strip()).append('\n');
        }
        JsonNode explanation = explanation(ticket.id());
        int listed = 0;
        for (JsonNode example : explanation.path("nearest_examples")) {
            if (listed == MAX_SIMILAR) {
                break;
            }
            if (listed++ == 0) {
                note.append("Similar past tickets:\n");
            }
            note.append("- ").append(example.path("title").asString("")).append(" (")
                    .append(example.path("team").asString("")).append(String.format(Locale.ROOT, ", similarity %.2f",
                            example.path("similarity").asDouble()))
                    .append(')');
            link(connector, example).ifPresent(link -> note.append(": ").append(link));
            note.append('\n');
        }
        return note.toString();
    }

    private Optional<String> link(HelpdeskConnector connector, JsonNode example) {
        JsonNode ticketId = example.path("ticket_id");
        if (ticketId.isNumber()) {
            return store.findByTicket(ticketId.asLong()).filter(m -> m.connector().equals(connector.name()))
                    .map(m -> connector.link(m.externalId()));
        }
        if (connector.name().equals(example.path("source").asString(""))) {
            return store.historyByTitle(connector.name(), example.path("title").asString(""))
                    .map(connector::link);
        }
        return Optional.empty();
    }

    private JsonNode explanation(long ticketId) {
        try {
            return HelpdeskHttp.json().readTree(tickets.explanation(ticketId));
        } catch (NotFoundException | JacksonException e) {
            return HelpdeskHttp.json().createObjectNode();
        }
    }
}
