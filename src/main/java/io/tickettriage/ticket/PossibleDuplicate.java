package io.tickettriage.ticket;

/** An open ticket that reads almost the same as another, found when the latter was triaged. */
public record PossibleDuplicate(long id, double similarity) {
}
