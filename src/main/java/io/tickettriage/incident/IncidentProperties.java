package io.tickettriage.incident;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of duplicate and incident detection ({@code TRIAGE_INCIDENT_*}).
 *
 * @param window              how close in time similar tickets must arrive to be one incident
 * @param minTickets          how many similar tickets within the window make an incident
 * @param similarity          how similar tickets must be to belong to the same incident
 * @param duplicateSimilarity how similar an open ticket must be to be listed as a possible duplicate
 * @param duplicateHorizon    how far back open tickets are compared for duplicates
 * @param maxRecent           at most this many recent tickets are compared, newest kept: each ticket's check costs
 *                            one comparison per recent ticket, under a lock both workers share
 */
@ConfigurationProperties("triage.incident")
public record IncidentProperties(
        @DefaultValue("10m") Duration window,
        @DefaultValue("5") int minTickets,
        @DefaultValue("0.75") double similarity,
        @DefaultValue("0.90") double duplicateSimilarity,
        @DefaultValue("14d") Duration duplicateHorizon,
        @DefaultValue("5000") int maxRecent) {
}
