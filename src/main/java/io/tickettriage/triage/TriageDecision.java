package io.tickettriage.triage;

import java.util.List;
import java.util.Map;

import io.tickettriage.ticket.Level;
import io.tickettriage.ticket.Priority;

import org.jspecify.annotations.Nullable;

/**
 * The engine's decision on a ticket and why.
 *
 * @param assignedTo  the team, or Manual Review when policy refused to route
 * @param confidence  the score of the team the classifier preferred; null when nothing could be scored
 */
public record TriageDecision(String assignedTo, Priority priority, Level level, @Nullable Double confidence,
        String reason, Explanation explanation) {

    /** Stored with every decision and shown to agents. */
    public record Explanation(String decidedBy, String model, Map<String, Double> scores,
            List<Classification.Evidence> nearestExamples, double threshold, double minSimilarity,
            @Nullable String preferredTeam, String reason) {
    }
}
