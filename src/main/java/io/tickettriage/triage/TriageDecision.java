package io.tickettriage.triage;

import java.util.List;
import java.util.Map;

import io.tickettriage.ticket.Level;
import io.tickettriage.ticket.Priority;
import io.tickettriage.ticket.RoundedConfidence;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.annotation.JsonSerialize;

/**
 * The engine's decision on a ticket and why.
 *
 * @param assignedTo  the team, or Manual Review when policy refused to route
 * @param confidence  the calibrated probability that the preferred team is right; null when nothing could be
 *                    scored, or when the LLM decided (a model's say-so is not a calibrated probability); written
 *                    with at most 4 decimals, as a ticket's is
 */
public record TriageDecision(String assignedTo, Priority priority, Level level,
        @JsonSerialize(using = RoundedConfidence.class) @Nullable Double confidence,
        String reason, Explanation explanation) {

    /**
     * Stored with every decision and shown to agents.
     *
     * @param model      name and version of the model that scored the ticket
     * @param scores     calibrated probability per team, highest first
     * @param threshold  the probability the preferred team needed to be routed to automatically
     * @param ruleHits   escalation rules that raised priority or tier
     * @param decidedBy  {@code local} or {@code llm}: which stage's decision was applied
     * @param llm        what the LLM stage was asked and answered; null when it was not asked
     * @param language   the language the ticket is written in (ISO 639-1), or null when it could not be told
     */
    public record Explanation(String decidedBy, String model, Map<String, Double> scores,
            List<Classification.Evidence> nearestExamples, double threshold, double minSimilarity,
            @Nullable String preferredTeam, String reason, List<RuleHit> ruleHits, @Nullable LlmStep llm,
            @Nullable String language) {

        public Explanation(String decidedBy, String model, Map<String, Double> scores,
                List<Classification.Evidence> nearestExamples, double threshold, double minSimilarity,
                @Nullable String preferredTeam, String reason, List<RuleHit> ruleHits, @Nullable String language) {
            this(decidedBy, model, scores, nearestExamples, threshold, minSimilarity, preferredTeam, reason, ruleHits,
                    null, language);
        }
    }

    /**
     * A severity rule that fired: its name, the words that triggered it, and the floor it set.
     *
     * @param maxPriority the ceiling it set, for the one rule that lowers ("did not click"); null for the others
     */
    public record RuleHit(String rule, String matched, Priority minPriority, Level minLevel,
            @Nullable Priority maxPriority) {

        public RuleHit(String rule, String matched, Priority minPriority, Level minLevel) {
            this(rule, matched, minPriority, minLevel, null);
        }
    }

    /**
     * The LLM stage's part in a decision.
     *
     * @param mode           {@code assist} or {@code always}
     * @param outcome        {@code answered}, {@code rejected} (an invalid reply), {@code failed} (no reply) or
     *                       {@code skipped} (not sent: circuit breaker open, too busy, no teams)
     * @param team           the team it chose, or null (none fits, or no valid answer)
     * @param reason         its own reason when answered; otherwise why its answer was not used
     * @param requests       HTTP requests made for this ticket
     * @param localDecision  what the local engine decided, and {@code localReason} why, whether or not it stood
     */
    public record LlmStep(String mode, String model, String outcome, @Nullable String team,
            @Nullable Priority priority, @Nullable Level level, String reason, int requests, String localDecision,
            String localReason) {
    }
}
