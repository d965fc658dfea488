package io.tickettriage.jobs;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the background workers ({@code TRIAGE_JOBS_*}).
 *
 * @param workers       worker threads in this process; 0 runs none (the jobs wait in the database)
 * @param maxAttempts   attempts before a job gives up and its ticket goes to Manual Review
 * @param retryBackoff  wait before the second attempt; each further attempt waits four times longer
 * @param pollInterval  how often idle workers look for due retries and abandoned jobs
 * @param lease         how long a claimed job is reserved for its worker before another may take it; in the
 *                      scale-out mode also how long a job sent to the stream may wait before it is sent again
 * @param maxPending    unfinished jobs at which new tickets are refused with 503 until the workers catch up; 0 or
 *                      less means no bound
 * @param claimIdle     scale-out mode: how long a job message may stay unacknowledged by the worker that
 *                      read it (a worker that died) before another worker takes it over
 * @param maxPendingPerRequester tickets of one requester waiting to be routed at which their new tickets are refused
 *                      with 429, so that one client cannot fill the backlog for everyone; 0 or less means no share
 * @param floodRate     tickets per second from which intake goes first: the workers of this process rest after
 *                      each job so that routing takes a fifth of their time until the flood is over; 0 turns
 *                      this off
 */
@ConfigurationProperties("triage.jobs")
@Validated
public record JobsProperties(
        @DefaultValue("2") @Min(0) int workers,
        @DefaultValue("3") @Min(1) int maxAttempts,
        @DefaultValue("500ms") @DurationMin Duration retryBackoff,
        @DefaultValue("1s") @DurationMin(inclusive = false) Duration pollInterval,
        @DefaultValue("2m") @DurationMin(inclusive = false) Duration lease,
        @DefaultValue("50000") int maxPending,
        @DefaultValue("30s") @DurationMin(inclusive = false) Duration claimIdle,
        @DefaultValue("500") @Min(0) int floodRate,
        @DefaultValue("5000") int maxPendingPerRequester) {
}
