package io.tickettriage.ticket;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.tickettriage.system.InvalidFieldException;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How well routing works in production, per team, over a window of days: measured against what agents finally
 * decided, not against the engine's own opinion. Every per-team figure and every total comes from one query over
 * the tickets table (the totals are the sums of the team rows), so the figures cannot contradict each other the
 * way counts merged from several queries did. The definitions are in the README ("Insights").
 */
@Service
public class TicketInsights {

    static final int MAX_DAYS = 365;

    private final JdbcClient jdbc;
    private final Clock clock;

    TicketInsights(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * One team's row. A ticket counts where it is now ({@code volume}) and, for the engine's figures, where the
     * engine sent it ({@code engineRouted}); Manual Review is never a place the engine "routes" to.
     *
     * @param volume                triaged tickets whose current team this is
     * @param autoRouted            of those, the tickets the engine itself chose this team for: at most volume
     * @param autoRouteRate         autoRouted / volume; null without tickets
     * @param engineRouted          tickets the engine routed to this team by itself, including those an agent has
     *                              since moved elsewhere: autoRouted + corrections
     * @param autoRoutePrecision    of the engineRouted tickets that are closed, the share whose final team is still
     *                              this one; null until one is closed
     * @param corrections           engineRouted tickets an agent has moved to another team
     * @param correctionRate        corrections / engineRouted; null when the engine routed nothing here
     * @param meanTimeToCloseHours  over this team's (volume's) closed tickets; null until one is closed
     */
    public record TeamInsight(String team, long volume, @Nullable Double autoRouteRate, long autoRouted,
            long engineRouted, @Nullable Double autoRoutePrecision, long corrections, @Nullable Double correctionRate,
            @Nullable Double meanTimeToCloseHours) {
    }

    public record DailyVolume(LocalDate date, String team, long count) {
    }

    /**
     * One agent's share of a team's tickets in the window, and how their service levels went.
     *
     * @param agent                  the assignee; null for the team's tickets nobody has
     * @param tickets                the team's tickets (as in {@code volume}) that this agent has or had when closed
     * @param closed                 of those, the closed ones
     * @param slaSettled             tickets with due times whose outcome is known: closed, or a target already missed
     * @param slaMet                 of those, closed without missing a target
     * @param slaAttainment          slaMet / slaSettled; null until one is settled
     * @param meanFirstResponseHours from creation to the first public answer of an agent, over the tickets answered
     * @param meanResolutionHours    from creation to close, less the time spent closed before a reopen, over the
     *                               closed ones
     */
    public record AgentServiceLevel(@Nullable String agent, long tickets, long closed, long slaSettled, long slaMet,
            @Nullable Double slaAttainment, @Nullable Double meanFirstResponseHours,
            @Nullable Double meanResolutionHours) {
    }

    /**
     * A team's service levels: every count is the sum of its agents' (the tickets nobody has included), every
     * mean the mean over the same tickets, so the agents always add up to the team; {@code tickets} is the team's
     * {@code volume}.
     */
    public record TeamServiceLevel(String team, long tickets, long closed, long slaSettled, long slaMet,
            @Nullable Double slaAttainment, @Nullable Double meanFirstResponseHours,
            @Nullable Double meanResolutionHours, List<AgentServiceLevel> agents) {
    }

    /**
     * @param tickets             triaged tickets created in the window (the sum of the teams' volumes)
     * @param autoRouted          the sum of the teams' autoRouted
     * @param autoRouteRate       autoRouted / tickets; null without tickets
     * @param autoRoutePrecision  over every team's closed engineRouted tickets; null until one is closed
     * @param serviceLevels       per team and per agent: tickets handled, service-level attainment, mean first
     *                            response and resolution times
     */
    public record Insights(int windowDays, Instant since, long tickets, long autoRouted, @Nullable Double autoRouteRate,
            @Nullable Double autoRoutePrecision, List<TeamInsight> teams, List<DailyVolume> daily,
            List<TeamServiceLevel> serviceLevels) {
    }

    /** A team's counts as the query returns them; every figure above is a ratio of two of these. */
    private record Counts(String team, long volume, long autoRouted, long closed, long closeMillis,
            long engineRouted, long engineClosed, long engineClosedKept, long movedAway) {
    }

    @Transactional(readOnly = true)
    public Insights over(int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw new InvalidFieldException("days", "days must be between 1 and " + MAX_DAYS);
        }
        Instant since = clock.instant().minus(Duration.ofDays(days));
        // Each ticket appears once under its current team and, when the engine routed it to a team, once under
        // that team: the two halves of the union are the two populations the figures are defined over.
        List<Counts> rows = jdbc.sql("""
                SELECT team, SUM(here) AS volume, SUM(here_auto) AS auto_routed, SUM(here_closed) AS closed,
                       SUM(here_close_ms) AS close_ms, SUM(routed) AS engine_routed,
                       SUM(routed_closed) AS engine_closed, SUM(routed_closed_kept) AS engine_closed_kept,
                       SUM(moved) AS moved_away
                FROM (
                    SELECT assigned_to AS team, 1 AS here,
                           CASE WHEN engine_team = assigned_to AND assigned_to <> :manual THEN 1 ELSE 0 END AS here_auto,
                           CASE WHEN status = 'closed' THEN 1 ELSE 0 END AS here_closed,
                           CASE WHEN status = 'closed' THEN closed_at - created_at ELSE 0 END AS here_close_ms,
                           0 AS routed, 0 AS routed_closed, 0 AS routed_closed_kept, 0 AS moved
                    FROM tickets WHERE created_at >= :since AND assigned_to <> ''
                    UNION ALL
                    SELECT engine_team AS team, 0, 0, 0, 0, 1,
                           CASE WHEN status = 'closed' THEN 1 ELSE 0 END,
                           CASE WHEN status = 'closed' AND assigned_to = engine_team THEN 1 ELSE 0 END,
                           CASE WHEN assigned_to <> engine_team THEN 1 ELSE 0 END
                    FROM tickets WHERE created_at >= :since AND assigned_to <> ''
                        AND engine_team IS NOT NULL AND engine_team <> :manual
                ) AS population
                GROUP BY team ORDER BY team""")
                .param("since", since.toEpochMilli())
                .param("manual", Ticket.MANUAL_REVIEW)
                .query((rs, row) -> new Counts(rs.getString("team"), rs.getLong("volume"), rs.getLong("auto_routed"),
                        rs.getLong("closed"), rs.getLong("close_ms"), rs.getLong("engine_routed"),
                        rs.getLong("engine_closed"), rs.getLong("engine_closed_kept"), rs.getLong("moved_away")))
                .list();
        List<DailyVolume> daily = jdbc.sql("""
                SELECT created_at / 86400000 AS day, assigned_to AS team, COUNT(*) AS count
                FROM tickets WHERE created_at >= :since AND assigned_to <> ''
                GROUP BY created_at / 86400000, assigned_to ORDER BY day, team""")
                .param("since", since.toEpochMilli())
                .query((rs, row) -> new DailyVolume(LocalDate.ofEpochDay(rs.getLong("day")), rs.getString("team"),
                        rs.getLong("count")))
                .list();
        long tickets = rows.stream().mapToLong(Counts::volume).sum();
        long autoRouted = rows.stream().mapToLong(Counts::autoRouted).sum();
        long engineClosed = rows.stream().mapToLong(Counts::engineClosed).sum();
        long engineClosedKept = rows.stream().mapToLong(Counts::engineClosedKept).sum();
        return new Insights(days, since, tickets, autoRouted, ratio(autoRouted, tickets),
                ratio(engineClosedKept, engineClosed), rows.stream().map(TicketInsights::insight).toList(), daily,
                AgentInsights.over(jdbc, since));
    }

    private static TeamInsight insight(Counts c) {
        return new TeamInsight(c.team(), c.volume(), ratio(c.autoRouted(), c.volume()), c.autoRouted(),
                c.engineRouted(), ratio(c.engineClosedKept(), c.engineClosed()), c.movedAway(),
                ratio(c.movedAway(), c.engineRouted()),
                c.closed() == 0 ? null : c.closeMillis() / (double) c.closed() / 3_600_000d);
    }

    private static @Nullable Double ratio(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
