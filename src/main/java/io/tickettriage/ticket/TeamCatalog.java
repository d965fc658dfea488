package io.tickettriage.ticket;

import java.util.Set;

import io.tickettriage.system.InvalidFieldException;

import org.jspecify.annotations.Nullable;

/**
 * The teams tickets can be assigned to. Implemented by the module that knows them; the checks of a requested team
 * name live here so that every module refuses an unknown one with the same message.
 */
public interface TeamCatalog {

    Set<String> teams();

    default boolean contains(String team) {
        return Ticket.MANUAL_REVIEW.equals(team) || teams().contains(team);
    }

    /**
     * The team {@code value} names, stripped, when it is a known team; else a problem on {@code field} listing them.
     * Manual Review is refused: agents, policies and business hours belong to real teams.
     */
    default String requireTeam(@Nullable String value, String field) {
        String team = value == null ? "" : value.strip();
        if (!teams().contains(team)) {
            throw unknownTeam(value, field, "");
        }
        return team;
    }

    /** As {@link #requireTeam}, Manual Review accepted too: a ticket may be sent there. */
    default String requireTicketTeam(String value, String field) {
        String team = value.strip();
        if (!contains(team)) {
            throw unknownTeam(value, field, " and " + Ticket.MANUAL_REVIEW);
        }
        return team;
    }

    private InvalidFieldException unknownTeam(@Nullable String value, String field, String alsoAccepted) {
        return new InvalidFieldException(field, "Unknown team '" + value + "'; known teams are "
                + String.join(", ", teams().stream().sorted().toList()) + alsoAccepted);
    }
}
