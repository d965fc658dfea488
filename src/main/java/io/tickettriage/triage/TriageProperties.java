package io.tickettriage.triage;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the triage engine ({@code TRIAGE_*}).
 *
 * @param confidenceThreshold below this score a ticket goes to Manual Review while only the nearest-neighbour vote
 *                            is available (before the first model is trained)
 * @param minSimilarity       a ticket less similar than this to every example goes to Manual Review
 * @param neighbours          how many similar examples are kept as evidence and vote ({@link NeighbourVote})
 * @param minTeamExamples     teams with fewer examples are never routed to automatically
 * @param targetPrecision     precision each team's threshold must reach on cross-validation folds
 * @param retrainInterval     how often the model is retrained when the knowledge base has changed
 * @param trainModels         whether this process trains the linear models (off for the import command)
 */
@ConfigurationProperties("triage.routing")
public record TriageProperties(
        @DefaultValue("0.6") double confidenceThreshold,
        @DefaultValue("0.30") double minSimilarity,
        @DefaultValue("7") int neighbours,
        @DefaultValue("5") int minTeamExamples,
        @DefaultValue("0.90") double targetPrecision,
        @DefaultValue("1m") java.time.Duration retrainInterval,
        @DefaultValue("true") boolean trainModels) {
}
