package io.tickettriage.connector;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A helpdesk ticket as a connector reads it, in the helpdesk's own terms.
 *
 * @param externalId  the helpdesk's id of the ticket
 * @param title       its title or subject
 * @param description its first article or description as plain text; null when the connector did not read it yet
 *                    ({@link HelpdeskConnector#withDescription})
 * @param group       the group (queue) it is in, by name; null when it has none
 * @param priority    its priority, by the helpdesk's name for it ({@code 2 normal}); null when it has none
 * @param state       its state, by the helpdesk's name ({@code open})
 * @param closed      whether that state is a closed one
 * @param updatedAt   when the helpdesk last changed it, if known
 */
public record HelpdeskTicket(String externalId, String title, @Nullable String description, @Nullable String group,
        @Nullable String priority, String state, boolean closed, @Nullable Instant updatedAt) {

    public HelpdeskTicket withDescription(String text) {
        return new HelpdeskTicket(externalId, title, text, group, priority, state, closed, updatedAt);
    }
}
