package io.tickettriage.webhook;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of outbound webhooks ({@code TRIAGE_WEBHOOKS_*}).
 *
 * @param allowPrivate    whether subscriptions may target loopback, link-local and private-range addresses; off by
 *                        default so that an admin's token cannot be used to probe the internal network
 * @param secretKey       the key that encrypts subscription secrets in the database; any string, shared by every
 *                        process of one installation. Unset: a key file is used
 * @param secretKeyFile   file holding that key, created on first use; by default next to the SQLite file
 *                        ({@code tickets.db} has {@code tickets.db-webhooks.key}). With neither setting and
 *                        PostgreSQL, secrets are stored as they are, and the start-up log says so
 * @param connectTimeout  time to open a connection to a receiver
 * @param requestTimeout  time for a receiver to answer once connected
 * @param perEndpoint     deliveries in flight to one subscription at once, per process
 * @param maxInFlight     deliveries in flight at once, per process
 * @param retryInitial    wait before the second attempt; each later wait doubles, with jitter
 * @param retryMaxWait    longest wait between two attempts
 * @param retryFor        how long a delivery is retried before it is marked failed
 * @param pauseAfter      a subscription whose deliveries have failed for this long without a success is paused
 * @param pollInterval    how often due retries, and deliveries recorded by other processes, are looked for
 * @param keepFor         how long finished deliveries stay listed before they are deleted
 */
@ConfigurationProperties("triage.webhooks")
@Validated
record WebhookProperties(
        @DefaultValue("false") boolean allowPrivate,
        @Nullable String secretKey,
        @Nullable Path secretKeyFile,
        @DefaultValue("3s") @DurationMin(inclusive = false) Duration connectTimeout,
        @DefaultValue("10s") @DurationMin(inclusive = false) Duration requestTimeout,
        @DefaultValue("4") @Min(1) int perEndpoint,
        @DefaultValue("64") @Min(1) int maxInFlight,
        @DefaultValue("10s") @DurationMin(inclusive = false) Duration retryInitial,
        @DefaultValue("1h") @DurationMin(inclusive = false) Duration retryMaxWait,
        @DefaultValue("24h") @DurationMin Duration retryFor,
        @DefaultValue("24h") @DurationMin Duration pauseAfter,
        @DefaultValue("1s") @DurationMin(inclusive = false) Duration pollInterval,
        @DefaultValue("7d") @DurationMin Duration keepFor) {

    /** How long a sender owns a delivery it took; past that another process may send it again. */
    Duration lease() {
        return connectTimeout.plus(requestTimeout).plusSeconds(30);
    }
}
