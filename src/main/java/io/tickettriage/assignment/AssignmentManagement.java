package io.tickettriage.assignment;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import io.tickettriage.access.Caller;
import io.tickettriage.access.Role;
import io.tickettriage.assignment.Choosing.Choice;
import io.tickettriage.knowledge.KnowledgeBase;
import io.tickettriage.knowledge.TicketText;
import io.tickettriage.system.ForbiddenException;
import io.tickettriage.system.InvalidFieldException;
import io.tickettriage.system.NotFoundException;
import io.tickettriage.ticket.TeamCatalog;
import io.tickettriage.ticket.Ticket;
import io.tickettriage.ticket.TicketAssignments;
import io.tickettriage.ticket.TicketManagement;
import io.tickettriage.ticket.TicketStatus;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Agents, team policies and the assignment of routed tickets: the entry point of this module.
 *
 * <p>An assignment is one transaction that first takes the team's turn (a row update that makes assignments in one
 * team wait for each other, in every process), reads the agents' open tickets, picks one agent, takes that agent's
 * row lock and counts again (an agent in two teams may have been given a ticket by the other team meanwhile), then
 * gives the ticket with an UPDATE that only succeeds while nobody has it. A ticket can therefore never be assigned
 * twice, and an agent never goes past their maximum, however many processes assign at once.
 */
@Service
public class AssignmentManagement implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AssignmentManagement.class);
    private static final int ATTEMPTS = 3;
    private static final java.time.Duration KNOWLEDGE_WAIT = java.time.Duration.ofSeconds(60);
    private static final int MAX_NAME = 100;
    private static final int MAX_OPEN_LIMIT = 10_000;

    private final AgentStore agents;
    private final PolicyStore policies;
    private final TicketManagement tickets;
    private final TicketAssignments queues;
    private final TeamCatalog teams;
    private final KnowledgeBase knowledge;
    private final AssignmentProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;
    /**
     * Runs assignments a committed change made possible (an agent back, a ticket closed, a team changed), off the
     * thread of that change: that thread still holds its transaction's connection when it hears of the commit, and
     * on SQLite the pool has one. Should the process die first, the periodic check does the same work.
     */
    private final ExecutorService background = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("assignment").daemon(true).factory());

    AssignmentManagement(AgentStore agents, PolicyStore policies, TicketManagement tickets, TicketAssignments queues,
            TeamCatalog teams, KnowledgeBase knowledge, AssignmentProperties properties,
            PlatformTransactionManager transactionManager, Clock clock) {
        this.agents = agents;
        this.policies = policies;
        this.tickets = tickets;
        this.queues = queues;
        this.teams = teams;
        this.knowledge = knowledge;
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
    public record AgentProfile(@Nullable String email, @Nullable List<String> teams, @Nullable String availability,
            @Nullable Integer maxOpenTickets) {
    }

    /** A team's assignment policy, and whether it was set or is the default. */
    public record TeamPolicy(String team, AssignmentPolicy assignment, boolean isDefault) {
    }

    /** The outcome of {@link #put}: the profile, and whether it is new. */
    public record Saved(Agent agent, boolean created) {
    }

    public Saved put(String name, AgentProfile profile) {
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
        releaseSoon(affected);
        return new Saved(withLoad(agents.find(agentName).orElseThrow()), created);
    }

    /** The outcome of {@link #delete}: the open tickets the agent had, now back in their teams' queues. */
    public record Removed(String name, List<Long> returnedToQueue) {
    }

    /**
     * Removes an agent's profile. Their open tickets go back to their teams' queues in the same transaction, and the
     * teams' policies assign them again. Deleting the agent's row first takes its lock: an assignment to this agent
     * in another process either committed before (and its ticket is returned here) or finds the agent gone and
     * chooses again.
     */
    public Removed delete(String name) {
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
    public List<Agent> agents() {
        List<Agent> all = agents.all();
        Map<String, Long> open = queues.openTicketCounts(all.stream().map(Agent::name).toList());
        return all.stream().map(agent -> agent.withOpenTickets(open.getOrDefault(agent.name(), 0L))).toList();
    }

    public Agent agent(String name) {
        return withLoad(agents.find(name).orElseThrow(() -> unknownAgent(name)));
    }

    public Optional<Agent> findAgent(String name) {
        return agents.find(name);
    }

    /** Agents set their own availability; admins anyone's. */
    public Agent setAvailability(String name, @Nullable String value, Caller caller) {
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
            releaseSoon(teamsOf(name));
        }
        return agent(name);
    }

    public TeamPolicy setPolicy(String team, @Nullable String value) {
        String known = team(team, "team");
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException("assignment", "assignment is required: " + AssignmentPolicy.known());
        }
        AssignmentPolicy policy = AssignmentPolicy.parse(value).orElseThrow(() -> new InvalidFieldException(
                "assignment", "Unknown assignment policy '" + value + "'; use " + AssignmentPolicy.known()));
        transactions.executeWithoutResult(status -> policies.set(known, policy, clock.instant()));
        releaseSoon(List.of(known));
        return policy(known);
    }

    public TeamPolicy policy(String team) {
        String known = team(team, "team");
        return policies.find(known).map(policy -> new TeamPolicy(known, policy, false))
                .orElseGet(() -> new TeamPolicy(known, AssignmentPolicy.DEFAULT, true));
    }

    /** Every team's policy, by team. */
    public List<TeamPolicy> policies() {
        Map<String, AssignmentPolicy> set = policies.all();
        return teams.teams().stream().sorted()
                .map(team -> set.containsKey(team) ? new TeamPolicy(team, set.get(team), false)
                        : new TeamPolicy(team, AssignmentPolicy.DEFAULT, true))
                .toList();
    }

    /**
     * Gives a routed ticket to one of its team's agents by the team's policy. Empty when it stays in the team's
     * queue: nobody can take it now, the team assigns nobody, or someone has it already.
     *
     * @param vector the ticket's embedding, computed once by triage; null to embed its text here, which only the
     *               expertise policy needs
     */
    public Optional<Ticket> assign(Ticket ticket, float @Nullable [] vector) {
        return attemptAssignment(ticket, vector).ticket();
    }

    /** Assigns the waiting tickets of a team, oldest first, while its agents can take them; returns how many. */
    public int release(String team) {
        int assigned = 0;
        for (long id : queues.waitingTickets(team, properties.releaseBatch())) {
            Optional<Ticket> waiting = tickets.find(id);
            if (waiting.isEmpty()) {
                continue;
            }
            Result result = attemptAssignment(waiting.get(), null);
            if (result.ticket().isPresent()) {
                assigned++;
            } else if (result.nobodyFree()) {
                break;
            }
        }
        return assigned;
    }

    /** Releases the queue of every team that has waiting tickets; returns how many were assigned. */
    public int releaseAll() {
        int assigned = 0;
        for (String team : queues.teamsWithWaitingTickets()) {
            if (!team.isEmpty() && !Ticket.MANUAL_REVIEW.equals(team)) {
                assigned += release(team);
            }
        }
        return assigned;
    }

    /** Releases these teams' queues in the background, soon. */
    void releaseSoon(java.util.Collection<String> teams) {
        if (!teams.isEmpty()) {
            inBackground(() -> teams.forEach(this::release));
        }
    }

    /** Releases the queues of an agent's teams in the background, soon: the agent has a free place. */
    void releaseTeamsOfSoon(String agent) {
        inBackground(() -> teamsOf(agent).forEach(this::release));
    }

    /** Assigns a ticket in the background, soon, if it is still waiting then. */
    void assignSoon(long ticketId) {
        inBackground(() -> tickets.find(ticketId).ifPresent(ticket -> assign(ticket, null)));
    }

    private void inBackground(Runnable work) {
        try {
            background.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    log.warn("Assignment failed for now, the periodic check will try again: {}", e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("Shutting down: the periodic check of another process, or the next start, assigns instead");
        }
    }

    /** Waits until the background work asked for so far is done (it runs in order); false on time-out. */
    boolean awaitBackground(java.time.Duration timeout) throws InterruptedException {
        try {
            background.submit(() -> { }).get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    @Override
    public void destroy() {
        background.shutdownNow();
    }

    /** The teams an agent belongs to; empty for an unknown name. */
    List<String> teamsOf(String agent) {
        return agents.find(agent).map(Agent::teams).orElse(List.of());
    }

    private record Result(Optional<Ticket> ticket, boolean nobodyFree) {

        static final Result NOT_APPLICABLE = new Result(Optional.empty(), false);
        static final Result WAITING = new Result(Optional.empty(), true);
    }

    private enum Attempt { ASSIGNED, GONE, WAITING, AGAIN }

    private Result attemptAssignment(Ticket ticket, float @Nullable [] vector) {
        String team = ticket.assignedTo();
        if (ticket.status() != TicketStatus.ROUTED || ticket.assignee() != null || team.isEmpty()
                || Ticket.MANUAL_REVIEW.equals(team)) {
            return Result.NOT_APPLICABLE;
        }
        AssignmentPolicy policy = policies.find(team).orElse(AssignmentPolicy.DEFAULT);
        if (policy == AssignmentPolicy.NONE) {
            return Result.NOT_APPLICABLE;
        }
        // read without locks first: most of the time nobody in the team can take more, or the team has nobody
        if (withLoads(agents.ofTeam(team)).stream().noneMatch(Agent::canTakeMore)) {
            return Result.WAITING;
        }
        Expertise expertise = policy == AssignmentPolicy.EXPERTISE ? expertise(ticket, vector) : Expertise.NONE;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Ticket[] assigned = new Ticket[1];
            Attempt outcome = transactions.execute(status -> {
                Attempt result = attempt(ticket.id(), team, policy, expertise, assigned);
                if (result == Attempt.AGAIN) {
                    status.setRollbackOnly();
                }
                return result;
            });
            switch (outcome) {
                case ASSIGNED -> {
                    return new Result(Optional.of(assigned[0]), false);
                }
                case GONE -> {
                    return Result.NOT_APPLICABLE;
                }
                case WAITING -> {
                    return Result.WAITING;
                }
                case AGAIN -> log.debug("Ticket {}: the chosen agent was taken meanwhile; choosing again", ticket.id());
                case null -> throw new IllegalStateException("no outcome");
            }
        }
        return Result.WAITING;
    }

    private Attempt attempt(long ticketId, String team, AssignmentPolicy policy, Expertise expertise,
            Ticket[] assigned) {
        String lastAgent = policies.takeTurn(team, clock.instant());
        List<Agent> candidates = withLoads(agents.ofTeam(team)).stream().filter(Agent::canTakeMore).toList();
        Optional<Choice> choice = Choosing.choose(policy, team, candidates, lastAgent, expertise);
        if (choice.isEmpty()) {
            return Attempt.WAITING;
        }
        String agent = choice.get().agent();
        if (!agents.lockIfAvailable(agent)) {
            return Attempt.AGAIN;
        }
        Agent locked = candidates.stream().filter(candidate -> candidate.name().equals(agent)).findFirst()
                .orElseThrow();
        long open = queues.openTicketCounts(List.of(agent)).getOrDefault(agent, 0L);
        if (open >= locked.maxOpenTickets()) {
            return Attempt.AGAIN;
        }
        Optional<Ticket> given = queues.assign(ticketId, team, agent, choice.get().reason());
        if (given.isEmpty()) {
            return Attempt.GONE;
        }
        policies.recordTurn(team, agent);
        assigned[0] = given.get();
        return Attempt.ASSIGNED;
    }

    private Expertise expertise(Ticket ticket, float @Nullable [] vector) {
        try {
            // only right after a start: triage waits for the same before it routes
            if (!knowledge.awaitReady(KNOWLEDGE_WAIT)) {
                return Expertise.NONE;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Expertise.NONE;
        }
        float[] query = vector != null ? vector : knowledge.embed(TicketText.of(ticket.title(), ticket.description()));
        List<Expertise.Evidence> similar = new ArrayList<>();
        for (KnowledgeBase.Neighbour neighbour : knowledge.nearest(query, properties.expertiseNeighbours())) {
            Long source = neighbour.example().ticketId();
            if (source != null && source != ticket.id()) {
                similar.add(new Expertise.Evidence(source, neighbour.similarity()));
            }
        }
        if (similar.isEmpty()) {
            return Expertise.NONE;
        }
        return Expertise.of(similar, queues.closedBy(similar.stream().map(Expertise.Evidence::ticketId).toList()));
    }

    private List<Agent> withLoads(List<Agent> members) {
        Map<String, Long> open = queues.openTicketCounts(members.stream().map(Agent::name).toList());
        return members.stream().map(agent -> agent.withOpenTickets(open.getOrDefault(agent.name(), 0L)))
                .sorted(Comparator.comparing(Agent::name)).toList();
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
            String team = team(value, "teams");
            if (!known.contains(team)) {
                known.add(team);
            }
        }
        return known;
    }

    private String team(@Nullable String value, String field) {
        String team = value == null ? "" : value.strip();
        if (!teams.teams().contains(team)) {
            throw new InvalidFieldException(field, "Unknown team '" + value + "'; known teams are "
                    + String.join(", ", teams.teams().stream().sorted().toList()));
        }
        return team;
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
