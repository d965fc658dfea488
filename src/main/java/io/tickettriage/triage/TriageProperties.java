package io.tickettriage.triage;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

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
@Validated
public record TriageProperties(
        @DefaultValue("0.6") @DecimalMin("0") @DecimalMax("1") double confidenceThreshold,
        @DefaultValue("0.30") @DecimalMin("-1") @DecimalMax("1") double minSimilarity,
        @DefaultValue("7") @Min(1) @Max(100) int neighbours,
        @DefaultValue("5") @Min(1) int minTeamExamples,
        @DefaultValue("0.90") @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") double targetPrecision,
        @DefaultValue("1m") @DurationMin(inclusive = false) java.time.Duration retrainInterval,
        @DefaultValue("true") boolean trainModels) {
}
