package io.tickettriage.comment;

import org.jspecify.annotations.Nullable;

/**
 * A comment was added to a ticket.
 *
 * @param ticketOwner who created the ticket, so that listeners can tell who may hear of the comment
 * @param byAgent     whether an agent wrote it (a requester's comment, or a reply by e-mail, is not an answer)
 */
public record CommentAdded(Comment comment, @Nullable String ticketOwner, boolean byAgent) {

    public CommentAdded(Comment comment, @Nullable String ticketOwner) {
        this(comment, ticketOwner, false);
    }
}
