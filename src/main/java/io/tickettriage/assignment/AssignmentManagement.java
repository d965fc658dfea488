package io.tickettriage.assignment;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import io.tickettriage.assignment.Choosing.Choice;
import io.tickettriage.knowledge.KnowledgeBase;
import io.tickettriage.knowledge.TicketText;
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
 * The assignment of routed tickets to their teams' agents: the entry point of this module. Agents' profiles and
 * teams' policies, which it follows, are kept by {@link AgentProfiles} and {@link TeamPolicies}.
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

    private final AgentStore agents;
    private final PolicyStore policies;
    private final TicketManagement tickets;
    private final TicketAssignments queues;
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
            KnowledgeBase knowledge, AssignmentProperties properties, PlatformTransactionManager transactionManager,
            Clock clock) {
        this.agents = agents;
        this.policies = policies;
        this.tickets = tickets;
        this.queues = queues;
        this.knowledge = knowledge;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
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
}
