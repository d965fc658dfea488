package io.tickettriage.assignment;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Picks the agent for a ticket among those who can take one, by the team's policy, and says why. Pure: the loads,
 * the turn and the expertise are read before, under the team's lock.
 */
final class Choosing {

    /** Similar closed tickets named in an expertise explanation. */
    private static final int CITED = 5;

    private Choosing() {
    }

    record Choice(String agent, String reason) {
    }

    /**
     * @param candidates the team's agents who can take a ticket now (available, below their maximum)
     * @param lastAgent  who was given the team's previous ticket, whose turn has passed
     */
    static Optional<Choice> choose(AssignmentPolicy policy, String team, List<Agent> candidates,
            @Nullable String lastAgent, Expertise expertise) {
        if (candidates.isEmpty() || policy == AssignmentPolicy.NONE) {
            return Optional.empty();
        }
        List<Agent> inTurn = inTurn(candidates, lastAgent);
        return Optional.of(switch (policy) {
            case ROUND_ROBIN -> {
                Agent next = inTurn.getFirst();
                yield new Choice(next.name(), "Round robin in " + team + ": " + next.name() + "'s turn ("
                        + load(next) + ")");
            }
            case LEAST_LOADED -> leastLoaded(team, inTurn, "Least loaded in " + team + ": ");
            case EXPERTISE -> expertise(team, inTurn, expertise);
            case NONE -> throw new IllegalStateException("policy none assigns nobody");
        });
    }

    private static Choice leastLoaded(String team, List<Agent> inTurn, String prefix) {
        Agent least = inTurn.stream().min(Comparator.comparingLong(Agent::openTickets)).orElseThrow();
        return new Choice(least.name(), prefix + least.name() + " has the fewest open tickets (" + load(least) + ")");
    }

    /**
     * Similar closed tickets count by their similarity; an agent's sum is weighted by the share of their capacity
     * still free, so that an expert who is nearly full gives way to one who is not.
     */
    private static Choice expertise(String team, List<Agent> inTurn, Expertise expertise) {
        Agent best = null;
        double bestScore = 0;
        for (Agent agent : inTurn) {
            double free = 1.0 - (double) agent.openTickets() / Math.max(1, agent.maxOpenTickets());
            double score = expertise.score(agent.name()) * free;
            if (score > bestScore) {
                best = agent;
                bestScore = score;
            }
        }
        if (best == null) {
            return leastLoaded(team, inTurn, "Expertise in " + team + ": no agent who can take it closed a similar "
                    + "ticket, so the least loaded: ");
        }
        int count = expertise.count(best.name());
        return new Choice(best.name(), "Expertise in " + team + ": " + best.name() + " closed " + count
                + " similar ticket" + (count == 1 ? "" : "s") + ", " + expertise.cite(best.name(), CITED) + " ("
                + load(best) + ")");
    }

    /** The candidates in the order of their turns: by name, starting after whoever had the last turn. */
    static List<Agent> inTurn(List<Agent> candidates, @Nullable String lastAgent) {
        List<Agent> byName = candidates.stream().sorted(Comparator.comparing(Agent::name)).toList();
        if (lastAgent == null) {
            return byName;
        }
        int next = 0;
        while (next < byName.size() && byName.get(next).name().compareTo(lastAgent) <= 0) {
            next++;
        }
        if (next == byName.size()) {
            return byName;
        }
        return java.util.stream.Stream.concat(byName.subList(next, byName.size()).stream(),
                byName.subList(0, next).stream()).toList();
    }

    private static String load(Agent agent) {
        return agent.openTickets() + " of " + agent.maxOpenTickets() + " open tickets";
    }
}
