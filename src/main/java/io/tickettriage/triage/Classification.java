package io.tickettriage.triage;

import java.util.List;
import java.util.Map;

import io.tickettriage.ticket.Level;
import io.tickettriage.ticket.Priority;

/**
 * What a classifier found, before policy decides whether to route.
 *
 * @param scores     probability per team, summing to 1 over the teams scored
 * @param team       the team with the highest score, or empty when nothing could be scored
 * @param evidence   the examples the decision rests on, most similar first
 * @param model      name and version of the classifier, kept in the explanation
 * @param threshold  the probability {@code team} needs to be routed to automatically
 */
public record Classification(Map<String, Double> scores, String team, double score, Priority priority, Level level,
        List<Evidence> evidence, String model, double threshold) {

    /** A known example that supports the decision. */
    public record Evidence(long exampleId, String title, String team, double similarity) {
    }

    public double bestSimilarity() {
        return evidence.isEmpty() ? 0 : evidence.getFirst().similarity();
    }
}
