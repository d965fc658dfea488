package io.tickettriage.ticket;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tickettriage.ticket.TicketInsights.AgentServiceLevel;
import io.tickettriage.ticket.TicketInsights.TeamServiceLevel;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Service levels per team and per agent: one query groups the window's triaged tickets by their current team and
 * assignee, and each team's figures are the sums of its agents' rows (tickets nobody has are a row of their own), so
 * that the agents of a team always add up to the team.
 */
final class AgentInsights {

    private static final double HOUR = 3_600_000d;

    private AgentInsights() {
    }

    /** One (team, assignee) group's counts and sums; every figure shown is a ratio of two of these. */
    private record Counts(@Nullable String agent, long tickets, long closed, long resolutionMillis, long responses,
            long responseMillis, long slaSettled, long slaMet) {

        Counts plus(Counts other) {
            return new Counts(null, tickets + other.tickets, closed + other.closed,
                    resolutionMillis + other.resolutionMillis, responses + other.responses,
                    responseMillis + other.responseMillis, slaSettled + other.slaSettled, slaMet + other.slaMet);
        }
    }

    static List<TeamServiceLevel> over(JdbcClient jdbc, Instant since) {
        // A ticket's service levels are settled once it is closed or a target was missed while it is open; an open
        // ticket on time may still miss, so it is left out of attainment. Resolution time is the time the ticket was
        // open: the time it spent closed before a reopen (sla_paused_ms) does not count.
        Map<String, List<Counts>> byTeam = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT assigned_to AS team, assignee, COUNT(*) AS tickets,
                       SUM(CASE WHEN status = 'closed' THEN 1 ELSE 0 END) AS closed,
                       SUM(CASE WHEN status = 'closed' THEN closed_at - created_at - sla_paused_ms ELSE 0 END)
                           AS resolution_ms,
                       SUM(CASE WHEN first_response_at IS NOT NULL THEN 1 ELSE 0 END) AS responses,
                       SUM(CASE WHEN first_response_at IS NOT NULL THEN first_response_at - created_at ELSE 0 END)
                           AS response_ms,
                       SUM(CASE WHEN resolution_due IS NOT NULL AND (status = 'closed' OR first_response_breached = 1
                                     OR resolution_breached = 1) THEN 1 ELSE 0 END) AS sla_settled,
                       SUM(CASE WHEN resolution_due IS NOT NULL AND status = 'closed' AND first_response_breached = 0
                                     AND resolution_breached = 0 THEN 1 ELSE 0 END) AS sla_met
                FROM tickets WHERE created_at >= :since AND assigned_to <> ''
                GROUP BY assigned_to, assignee""")
                .param("since", since.toEpochMilli())
                .query(rs -> {
                    byTeam.computeIfAbsent(rs.getString("team"), team -> new ArrayList<>()).add(new Counts(
                            rs.getString("assignee"), rs.getLong("tickets"), rs.getLong("closed"),
                            rs.getLong("resolution_ms"), rs.getLong("responses"), rs.getLong("response_ms"),
                            rs.getLong("sla_settled"), rs.getLong("sla_met")));
                });
        List<TeamServiceLevel> teams = new ArrayList<>();
        byTeam.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            List<Counts> agents = entry.getValue().stream()
                    // by name, with the tickets nobody has last
                    .sorted(Comparator.comparing(Counts::agent, Comparator.nullsLast(Comparator.naturalOrder())))
                    .toList();
            Counts total = agents.stream().reduce(new Counts(null, 0, 0, 0, 0, 0, 0, 0), Counts::plus);
            teams.add(new TeamServiceLevel(entry.getKey(), total.tickets(), total.closed(), total.slaSettled(),
                    total.slaMet(), ratio(total.slaMet(), total.slaSettled()),
                    hours(total.responseMillis(), total.responses()), hours(total.resolutionMillis(), total.closed()),
                    agents.stream().map(AgentInsights::agent).toList()));
        });
        return teams;
    }

    private static AgentServiceLevel agent(Counts c) {
        return new AgentServiceLevel(c.agent(), c.tickets(), c.closed(), c.slaSettled(), c.slaMet(),
                ratio(c.slaMet(), c.slaSettled()), hours(c.responseMillis(), c.responses()),
                hours(c.resolutionMillis(), c.closed()));
    }

    private static @Nullable Double ratio(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    private static @Nullable Double hours(long millis, long count) {
        return count == 0 ? null : millis / (double) count / HOUR;
    }
}
