package io.tickettriage.assignment;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

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
@Validated
record AssignmentProperties(
        @DefaultValue("20") @Min(1) int defaultMaxOpenTickets,
        @DefaultValue("30s") @DurationMin(inclusive = false) Duration checkInterval,
        @DefaultValue("50") @Min(1) int expertiseNeighbours,
        @DefaultValue("100") @Min(1) int releaseBatch) {
}
