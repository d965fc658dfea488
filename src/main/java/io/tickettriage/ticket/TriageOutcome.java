package io.tickettriage.ticket;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the triage engine decided for a ticket, to be stored on it.
 *
 * @param team           a team name or {@link Ticket#MANUAL_REVIEW}
 * @param priority       the engine's priority; it replaces the requester's stated one, never an agent's
 * @param explanation    the decision's explanation as a JSON document, kept as it is
 * @param priorityReason why the engine chose {@code priority}, in a few words, told when it replaces a stated one
 * @param levelReason    the same for {@code level}
 */
public record TriageOutcome(String team, Priority priority, Level level, @Nullable Double confidence,
        String reason, @Nullable String explanation, List<PossibleDuplicate> possibleDuplicates,
        @Nullable String priorityReason, @Nullable String levelReason) {

    public TriageOutcome(String team, Priority priority, Level level, @Nullable Double confidence, String reason,
            @Nullable String explanation, List<PossibleDuplicate> possibleDuplicates) {
        this(team, priority, level, confidence, reason, explanation, possibleDuplicates, null, null);
    }

    public TriageOutcome(String team, Priority priority, Level level, @Nullable Double confidence, String reason,
            @Nullable String explanation) {
        this(team, priority, level, confidence, reason, explanation, List.of());
    }
}
