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
 * @param confidence  the calibrated probability that the preferred team is right; null when nothing could be scored
 */
public record TriageDecision(String assignedTo, Priority priority, Level level, @Nullable Double confidence,
        String reason, Explanation explanation) {

    /**
     * Stored with every decision and shown to agents.
     *
     * @param model     name and version of the model that scored the ticket
     * @param scores    calibrated probability per team, highest first
     * @param threshold the probability the preferred team needed to be routed to automatically
     * @param ruleHits  escalation rules that raised priority or tier
     */
    public record Explanation(String decidedBy, String model, Map<String, Double> scores,
            List<Classification.Evidence> nearestExamples, double threshold, double minSimilarity,
            @Nullable String preferredTeam, String reason, List<RuleHit> ruleHits) {
    }

    /** An escalation rule that fired: its name, the words that triggered it, and the floor it set. */
    public record RuleHit(String rule, String matched, Priority minPriority, Level minLevel) {
    }
}
