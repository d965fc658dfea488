package io.tickettriage.assignment;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An agent's profile.
 *
 * @param name           the name of the agent's API token or login, which tickets are assigned to
 * @param teams          the teams whose tickets the agent may be given
 * @param maxOpenTickets the agent is given no more tickets while this many are open
 * @param openTickets    how many open tickets the agent has now
 */
public record Agent(String name, @Nullable String email, List<String> teams, Availability availability,
        int maxOpenTickets, long openTickets, Instant updatedAt) {

    Agent withOpenTickets(long open) {
        return new Agent(name, email, teams, availability, maxOpenTickets, open, updatedAt);
    }

    boolean canTakeMore() {
        return availability == Availability.AVAILABLE && openTickets < maxOpenTickets;
    }
}
