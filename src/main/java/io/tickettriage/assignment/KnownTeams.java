package io.tickettriage.assignment;

import io.tickettriage.system.InvalidFieldException;
import io.tickettriage.ticket.TeamCatalog;

import org.jspecify.annotations.Nullable;

/** Team names in requests to this module: agents, policies and business hours belong to known teams only. */
final class KnownTeams {

    private KnownTeams() {
    }

    /** The team {@code value} names, stripped; a problem on {@code field} when no such team is known. */
    static String require(TeamCatalog teams, @Nullable String value, String field) {
        String team = value == null ? "" : value.strip();
        if (!teams.teams().contains(team)) {
            throw new InvalidFieldException(field, "Unknown team '" + value + "'; known teams are "
                    + String.join(", ", teams.teams().stream().sorted().toList()));
        }
        return team;
    }
}
