package io.tickettriage.comment;

import java.time.Instant;

/** A comment on a ticket, as the original design returned it. */
public record Comment(long id, long ticketId, String text, Instant createdAt) {
}
