package io.tickettriage.webhook;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A webhook subscription as admins see it; its secret is never part of it.
 *
 * @param internalComments whether internal comments are delivered too ({@code new_comment}); off unless asked for
 * @param active           false once paused, by an admin or after failing for too long
 * @param pausedReason     why deliveries were paused automatically; null when they were not
 * @param failingSince     since when every attempt has failed; null while deliveries succeed
 */
record Subscription(long id, String url, List<String> events, @Nullable String description,
        boolean internalComments, boolean active, @Nullable String pausedReason, @Nullable Instant failingSince,
        Instant createdAt, Instant updatedAt) {
}
