package io.tickettriage.ticket;

import java.util.Optional;

/**
 * Tells whether a name may be given a ticket by hand: implemented where agent profiles are kept (the assignment
 * module). Without an implementation any name is accepted.
 */
public interface AssigneeCheck {

    /** Why {@code name} cannot be assigned tickets, in words; empty when it can. */
    Optional<String> refusal(String name);
}
