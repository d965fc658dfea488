package io.tickettriage.comment;

import org.jspecify.annotations.Nullable;

/**
 * A comment was added to a ticket.
 *
 * @param ticketOwner who created the ticket, so that listeners can tell who may hear of the comment
 */
public record CommentAdded(Comment comment, @Nullable String ticketOwner) {
}
