package io.tickettriage.ticket;

import org.jspecify.annotations.Nullable;

/**
 * What the triage engine decided for a ticket, to be stored on it.
 *
 * @param team        a team name or {@link Ticket#MANUAL_REVIEW}
 * @param explanation the decision's explanation as a JSON document, kept as it is
 */
public record TriageOutcome(String team, Priority priority, Level level, @Nullable Double confidence,
        String reason, @Nullable String explanation) {
}
