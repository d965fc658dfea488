package io.tickettriage.comment;

import java.time.Instant;

/**
 * A comment on a ticket, as the original design returned it, plus whether it is internal.
 *
 * @param internal for agents only: never shown or sent to requesters
 */
public record Comment(long id, long ticketId, String text, Instant createdAt, boolean internal) {
}
