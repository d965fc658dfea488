package io.tickettriage.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.tickettriage.system.Backoff;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one attempt at a delivery a sender has taken, and records how it went: delivered; due again after a backoff;
 * or failed, at once for an answer that another attempt would not change, or once it has been retried for
 * {@code TRIAGE_WEBHOOKS_RETRY_FOR}. A subscription whose attempts have all failed for
 * {@code TRIAGE_WEBHOOKS_PAUSE_AFTER} is paused. Neither URLs nor secrets are logged: a URL may carry a token.
 */
final class DeliveryAttempts {

    private static final Logger log = LoggerFactory.getLogger(DeliveryAttempts.class);

    private final SubscriptionStore subscriptions;
    private final DeliveryStore deliveries;
    private final DeliverySender sender;
    private final SecretBox secrets;
    private final Backoff backoff;
    private final WebhookProperties properties;
    private final Clock clock;

    DeliveryAttempts(SubscriptionStore subscriptions, DeliveryStore deliveries, DeliverySender sender,
            SecretBox secrets, Backoff backoff, WebhookProperties properties, Clock clock) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.sender = sender;
        this.secrets = secrets;
        this.backoff = backoff;
        this.properties = properties;
        this.clock = clock;
    }

    void attempt(DeliveryStore.Claimed delivery) throws InterruptedException {
        Optional<SubscriptionStore.Target> target = subscriptions.target(delivery.webhookId());
        if (target.isEmpty()) {
            return; // the subscription was deleted, and its deliveries with it
        }
        Attempt attempt;
        try {
            attempt = sender.send(target.get().url(), secrets.open(target.get().secret()), delivery);
        } catch (IllegalStateException e) {
            attempt = Attempt.retry(e.getMessage());
        }
        record(delivery, attempt, target.get().failing());
    }

    private void record(DeliveryStore.Claimed delivery, Attempt attempt, boolean wasFailing) {
        Instant now = clock.instant();
        if (attempt.result() == Attempt.Result.DELIVERED) {
            deliveries.delivered(delivery.id(), attempt.status(), now);
            if (wasFailing) {
                subscriptions.succeeded(delivery.webhookId()); // one write fewer per delivery while all is well
            }
            return;
        }
        if (attempt.result() == Attempt.Result.RETRY) {
            Duration wait = backoff.after(delivery.attempts(), attempt.retryAfter());
            Instant next = now.plus(wait);
            if (next.isBefore(delivery.createdAt().plus(properties.retryFor()))) {
                deliveries.retryAt(delivery.id(), attempt.status(), attempt.error(), next);
                log.debug("Webhook delivery {} ({}) to subscription {} failed attempt {}, retrying in {} ms: {}",
                        delivery.deliveryId(), delivery.event(), delivery.webhookId(), delivery.attempts(),
                        wait.toMillis(), attempt.error());
            } else {
                deliveries.failed(delivery.id(), attempt.status(), "gave up after " + delivery.attempts()
                        + " attempts: " + attempt.error());
                log.warn("Webhook delivery {} ({}) to subscription {} failed {} times over {}, giving up: {}",
                        delivery.deliveryId(), delivery.event(), delivery.webhookId(), delivery.attempts(),
                        words(properties.retryFor()), attempt.error());
            }
        } else {
            deliveries.failed(delivery.id(), attempt.status(), attempt.error());
            log.info("Webhook delivery {} ({}) to subscription {} failed and is not retried: {}",
                    delivery.deliveryId(), delivery.event(), delivery.webhookId(), attempt.error());
        }
        String reason = "every delivery failed for " + words(properties.pauseAfter()) + " (last: " + attempt.error() + ")";
        if (subscriptions.failed(delivery.webhookId(), now, now.minus(properties.pauseAfter()), reason)) {
            log.warn("Webhook subscription {} paused: {}; an admin re-enables it with PATCH /webhooks/{} "
                    + "{\"active\": true}", delivery.webhookId(), reason, delivery.webhookId());
        }
    }

    /** A setting's duration as people write it: 24h, 90s, 250ms. */
    static String words(Duration duration) {
        if (duration.toMillis() % 3_600_000 == 0 && !duration.isZero()) {
            return duration.toHours() + "h";
        }
        if (duration.toMillis() % 60_000 == 0 && !duration.isZero()) {
            return duration.toMinutes() + "min";
        }
        if (duration.toMillis() % 1000 == 0) {
            return duration.toSeconds() + "s";
        }
        return duration.toMillis() + "ms";
    }
}
