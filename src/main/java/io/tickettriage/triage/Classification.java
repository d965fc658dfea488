package io.tickettriage.triage;

import java.util.List;
import java.util.Map;

import io.tickettriage.ticket.Level;
import io.tickettriage.ticket.Priority;

import org.jspecify.annotations.Nullable;

/**
 * What a classifier found, before policy decides whether to route.
 *
 * @param scores     probability per team, summing to 1 over the teams scored
 * @param team       the team with the highest score, or empty when nothing could be scored
 * @param evidence   the examples the decision rests on, most similar first
 * @param model      name and version of the classifier, kept in the explanation
 * @param threshold  the probability {@code team} needs to be routed to automatically
 * @param basis      when examples learnt after the model was trained decided, which and why, in words
 * @param outOfScope why the ticket belongs to no team at all, in words; null when it may belong to one
 */
public record Classification(Map<String, Double> scores, String team, double score, Priority priority, Level level,
        List<Evidence> evidence, String model, double threshold, @Nullable String basis, @Nullable String outOfScope) {

    public Classification(Map<String, Double> scores, String team, double score, Priority priority, Level level,
            List<Evidence> evidence, String model, double threshold, @Nullable String basis) {
        this(scores, team, score, priority, level, evidence, model, threshold, basis, null);
    }

    /** The same classification, marked as belonging to no team for {@code reason}. */
    Classification outOfScope(@Nullable String reason) {
        return new Classification(scores, team, score, priority, level, evidence, model, threshold, basis, reason);
    }

    public Classification(Map<String, Double> scores, String team, double score, Priority priority, Level level,
            List<Evidence> evidence, String model, double threshold) {
        this(scores, team, score, priority, level, evidence, model, threshold, null);
    }

    /**
     * A known example that supports the decision.
     *
     * @param ticketId the ticket it was learnt from (closed or corrected), so a reader can open it; null for
     *                 examples that did not come from a ticket
     * @param source   where it came from: {@code starter} (shipped with the product), {@code file} (the knowledge
     *                 folder), {@code import}, {@code api} ({@code POST /teams}) or {@code ticket}
     */
    public record Evidence(long exampleId, String title, String team, double similarity, @Nullable Long ticketId,
            String source) {
    }

    public double bestSimilarity() {
        return evidence.isEmpty() ? 0 : evidence.getFirst().similarity();
    }
}
