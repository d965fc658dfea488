package io.tickettriage.incident;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

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
@Validated
public record IncidentProperties(
        @DefaultValue("10m") @DurationMin(inclusive = false) Duration window,
        @DefaultValue("5") @Min(2) int minTickets,
        @DefaultValue("0.75") @DecimalMin("0") @DecimalMax("1") double similarity,
        @DefaultValue("0.90") @DecimalMin("0") @DecimalMax("1") double duplicateSimilarity,
        @DefaultValue("14d") @DurationMin(inclusive = false) Duration duplicateHorizon,
        @DefaultValue("5000") @Min(1) int maxRecent) {
}
