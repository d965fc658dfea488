package io.tickettriage.assignment;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.tickettriage.access.Caller;
import io.tickettriage.access.Role;
import io.tickettriage.system.ForbiddenException;
import io.tickettriage.system.InvalidFieldException;
import io.tickettriage.system.NotFoundException;
import io.tickettriage.ticket.TeamCatalog;
import io.tickettriage.ticket.TicketAssignments;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Agents' profiles as admins and agents keep them: teams, availability, maximum open tickets. A change that may let
 * someone take more tickets releases the queues of the teams concerned soon after, through
 * {@link AssignmentManagement}.
 */
@Service
class AgentProfiles {

    private static final int MAX_NAME = 100;
    private static final int MAX_OPEN_LIMIT = 10_000;

    private final AgentStore agents;
    private final TicketAssignments queues;
    private final TeamCatalog teams;
    private final AssignmentManagement assignment;
    private final AssignmentProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    AgentProfiles(AgentStore agents, TicketAssignments queues, TeamCatalog teams, AssignmentManagement assignment,
            AssignmentProperties properties, PlatformTransactionManager transactionManager, Clock clock) {
        this.agents = agents;
        this.queues = queues;
        this.teams = teams;
        this.assignment = assignment;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /**
     * An agent's profile as an admin sets it; what is left out takes its default.
     *
     * @param teams          the teams whose tickets the agent may be given (required; may be empty)
     * @param availability   {@code available} (the default) or {@code away}
     * @param maxOpenTickets at most this many open tickets (default {@code triage.assignment.default-max-open-tickets})
     */
    record AgentProfile(@Nullable String email, @Nullable List<String> teams, @Nullable String availability,
            @Nullable Integer maxOpenTickets) {
    }

    /** The outcome of {@link #put}: the profile, and whether it is new. */
    record Saved(Agent agent, boolean created) {
    }

    Saved put(String name, AgentProfile profile) {
        String agentName = name(name);
        List<String> memberOf = teams(profile.teams());
        Availability availability = profile.availability() == null ? Availability.AVAILABLE
                : Availability.parse(profile.availability()).orElseThrow(() -> new InvalidFieldException(
                        "availability", "Unknown availability '" + profile.availability() + "'; use available or away"));
        int max = profile.maxOpenTickets() == null ? properties.defaultMaxOpenTickets() : profile.maxOpenTickets();
        if (max < 1 || max > MAX_OPEN_LIMIT) {
            throw new InvalidFieldException("max_open_tickets", "max_open_tickets must be between 1 and "
                    + MAX_OPEN_LIMIT);
        }
        String email = email(profile.email());
        Set<String> before = agents.find(agentName).map(agent -> Set.copyOf(agent.teams())).orElse(Set.of());
        boolean created = Boolean.TRUE.equals(transactions.execute(status ->
                agents.put(agentName, email, memberOf, availability, max, clock.instant())));
        Set<String> affected = new LinkedHashSet<>(memberOf);
        affected.addAll(before);
        assignment.releaseSoon(affected);
        return new Saved(withLoad(agents.find(agentName).orElseThrow()), created);
    }

    /** The outcome of {@link #delete}: the open tickets the agent had, now back in their teams' queues. */
    record Removed(String name, List<Long> returnedToQueue) {
    }

    /**
     * Removes an agent's profile. Their open tickets go back to their teams' queues in the same transaction, and the
     * teams' policies assign them again. Deleting the agent's row first takes its lock: an assignment to this agent
     * in another process either committed before (and its ticket is returned here) or finds the agent gone and
     * chooses again.
     */
    Removed delete(String name) {
        List<Long> returned = transactions.execute(status -> {
            if (!agents.delete(name)) {
                return null;
            }
            return queues.returnToQueue(name);
        });
        if (returned == null) {
            throw unknownAgent(name);
        }
        return new Removed(name, returned);
    }

    /** Every agent with their open tickets, by name. */
    List<Agent> agents() {
        List<Agent> all = agents.all();
        Map<String, Long> open = queues.openTicketCounts(all.stream().map(Agent::name).toList());
        return all.stream().map(agent -> agent.withOpenTickets(open.getOrDefault(agent.name(), 0L))).toList();
    }

    Agent agent(String name) {
        return withLoad(agents.find(name).orElseThrow(() -> unknownAgent(name)));
    }

    Optional<Agent> findAgent(String name) {
        return agents.find(name);
    }

    /** Agents set their own availability; admins anyone's. */
    Agent setAvailability(String name, @Nullable String value, Caller caller) {
        if (!caller.name().equals(name) && !caller.role().includes(Role.ADMIN)) {
            throw new ForbiddenException("Agents set their own availability; only admins set another agent's");
        }
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException("availability", "availability is required: available or away");
        }
        Availability availability = Availability.parse(value).orElseThrow(() -> new InvalidFieldException(
                "availability", "Unknown availability '" + value + "'; use available or away"));
        if (!Boolean.TRUE.equals(transactions.execute(status ->
                agents.setAvailability(name, availability, clock.instant())))) {
            throw unknownAgent(name);
        }
        if (availability == Availability.AVAILABLE) {
            assignment.releaseSoon(assignment.teamsOf(name));
        }
        return agent(name);
    }

    private Agent withLoad(Agent agent) {
        return agent.withOpenTickets(queues.openTicketCounts(List.of(agent.name())).getOrDefault(agent.name(), 0L));
    }

    private static String name(String value) {
        String name = value == null ? "" : value.strip();
        if (name.isEmpty() || name.length() > MAX_NAME
                || name.codePoints().anyMatch(c -> Character.isISOControl(c) || c == '/')) {
            throw new InvalidFieldException("name", "An agent's name is the name of their token or login: 1 to "
                    + MAX_NAME + " characters, without control characters or '/'");
        }
        return name;
    }

    private List<String> teams(@Nullable List<String> values) {
        if (values == null) {
            throw new InvalidFieldException("teams", "teams is required: the teams whose tickets the agent may be "
                    + "given, [] for none");
        }
        List<String> known = new ArrayList<>();
        for (String value : values) {
            String team = teams.requireTeam(value, "teams");
            if (!known.contains(team)) {
                known.add(team);
            }
        }
        return known;
    }

    private static @Nullable String email(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String email = value.strip();
        if (email.length() > 254 || !email.matches("[^@\\s]+@[^@\\s]+")) {
            throw new InvalidFieldException("email", "'" + value + "' is not an e-mail address");
        }
        return email;
    }

    private static NotFoundException unknownAgent(String name) {
        return new NotFoundException("No agent named '" + name + "'; an admin adds them with PUT /agents/{name}");
    }
}
