package io.tickettriage.webhook;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One event for one subscription, as admins see it.
 *
 * @param id            the delivery id that receivers see in {@code X-Triage-Delivery} and use to drop repeats
 * @param state         {@code pending}, {@code sending}, {@code delivered} or {@code failed}
 * @param nextAttemptAt when it will be tried again; null unless pending
 * @param redeliveryOf  the delivery an admin asked to send again, for a redelivery
 */
record Delivery(String id, long webhookId, String event, String state, int attempts, @Nullable Integer lastStatus,
        @Nullable String lastError, @Nullable Instant nextAttemptAt, @Nullable Instant deliveredAt,
        Instant occurredAt, Instant createdAt, @Nullable String redeliveryOf) {

    static final String PENDING = "pending";
    static final String SENDING = "sending";
    static final String DELIVERED = "delivered";
    static final String FAILED = "failed";
}
