package io.tickettriage.comment;

/** A comment was added to a ticket. */
public record CommentAdded(Comment comment) {
}
