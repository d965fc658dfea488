package io.tickettriage.assignment;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of assignment and service levels ({@code TRIAGE_ASSIGNMENT_*}).
 *
 * @param defaultMaxOpenTickets open tickets an agent may have when their profile does not say
 * @param checkInterval         how often worker processes look for tickets waiting in a team's queue (as a safety
 *                              net: a change that frees an agent releases the queue at once); also the longest they
 *                              wait between service-level checks, which otherwise wake at each warning point and due
 *                              time
 * @param expertiseNeighbours   similar past examples looked at for the expertise policy; only those learnt from
 *                              closed tickets that had an assignee count
 * @param releaseBatch          waiting tickets of one team tried per release, oldest first
 */
@ConfigurationProperties("triage.assignment")
record AssignmentProperties(
        @DefaultValue("20") int defaultMaxOpenTickets,
        @DefaultValue("30s") Duration checkInterval,
        @DefaultValue("50") int expertiseNeighbours,
        @DefaultValue("100") int releaseBatch) {
}
