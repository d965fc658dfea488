package io.tickettriage.ticket;

import java.util.Set;

/** The teams tickets can be assigned to. Implemented by the module that knows them. */
public interface TeamCatalog {

    Set<String> teams();

    default boolean contains(String team) {
        return Ticket.MANUAL_REVIEW.equals(team) || teams().contains(team);
    }
}
