package io.tickettriage.ticket;

import org.jspecify.annotations.Nullable;

/**
 * An open ticket that reads almost the same as another, found when the latter was triaged.
 *
 * @param createdBy who created the duplicate, so that a requester is shown only duplicates among their own
 *                  tickets; null for duplicates recorded before it was kept, which requesters are never shown
 */
public record PossibleDuplicate(long id, double similarity, @Nullable String createdBy) {
}
