package io.tickettriage.ticket;

import org.jspecify.annotations.Nullable;

/**
 * Filters and paging for listing tickets, newest first.
 *
 * @param text     words to find in title or description, case-insensitively
 * @param beforeId  the cursor: only tickets older than this id
 * @param createdBy only tickets this caller created (a requester's view); null for all
 * @param assignee  only tickets assigned to this agent; null for all
 */
public record TicketQuery(@Nullable TicketStatus status, @Nullable String team, @Nullable String text,
        @Nullable Long beforeId, int limit, @Nullable String createdBy, @Nullable String assignee) {

    public TicketQuery(@Nullable TicketStatus status, @Nullable String team, @Nullable String text,
            @Nullable Long beforeId, int limit, @Nullable String createdBy) {
        this(status, team, text, beforeId, limit, createdBy, null);
    }

    public TicketQuery(@Nullable TicketStatus status, @Nullable String team, @Nullable String text,
            @Nullable Long beforeId, int limit) {
        this(status, team, text, beforeId, limit, null);
    }

    /** The same filters for the page of at most {@code limit} tickets older than {@code beforeId}. */
    TicketQuery page(@Nullable Long beforeId, int limit) {
        return new TicketQuery(status, team, text, beforeId, limit, createdBy, assignee);
    }
}
