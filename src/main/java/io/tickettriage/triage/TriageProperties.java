package io.tickettriage.triage;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the triage engine ({@code TRIAGE_*}).
 *
 * @param confidenceThreshold below this probability a ticket goes to Manual Review
 * @param minSimilarity       a ticket less similar than this to every example goes to Manual Review
 * @param neighbours          how many similar examples vote
 * @param minTeamExamples     teams with fewer examples are never routed to automatically
 */
@ConfigurationProperties("triage")
public record TriageProperties(
        @DefaultValue("0.6") double confidenceThreshold,
        @DefaultValue("0.30") double minSimilarity,
        @DefaultValue("7") int neighbours,
        @DefaultValue("5") int minTeamExamples) {
}
