package io.tickettriage.ticket;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the triage engine decided for a ticket, to be stored on it.
 *
 * @param team        a team name or {@link Ticket#MANUAL_REVIEW}
 * @param explanation the decision's explanation as a JSON document, kept as it is
 */
public record TriageOutcome(String team, Priority priority, Level level, @Nullable Double confidence,
        String reason, @Nullable String explanation, List<PossibleDuplicate> possibleDuplicates) {

    public TriageOutcome(String team, Priority priority, Level level, @Nullable Double confidence, String reason,
            @Nullable String explanation) {
        this(team, priority, level, confidence, reason, explanation, List.of());
    }
}
