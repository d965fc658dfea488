package io.tickettriage.ticket;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One field an agent changed on a ticket.
 *
 * @param field     {@code assigned_to}, {@code priority} or {@code level}
 * @param oldValue  the value before, empty for a team not yet chosen
 */
public record Correction(long ticketId, String field, @Nullable String oldValue, String newValue, String changedBy,
        Instant createdAt) {
}
