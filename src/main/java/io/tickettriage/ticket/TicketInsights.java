package io.tickettriage.ticket;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.tickettriage.system.InvalidFieldException;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How well routing works in production, per team, over a window of days: measured against what agents finally
 * decided, not against the engine's own opinion.
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
     * @param volume                tickets whose current team this is
     * @param autoRouteRate         share of this team's tickets that the engine put there by itself
     * @param autoRouted            tickets the engine routed to this team by itself
     * @param autoRoutePrecision    of the closed tickets the engine routed here, the share that stayed here; null
     *                              until one is closed
     * @param corrections           times an agent moved a ticket away from this team
     * @param correctionRate        corrections per ticket the engine routed here
     * @param meanTimeToCloseHours  over this team's closed tickets; null until one is closed
     */
    public record TeamInsight(String team, long volume, double autoRouteRate, long autoRouted,
            @Nullable Double autoRoutePrecision, long corrections, double correctionRate,
            @Nullable Double meanTimeToCloseHours) {
    }

    public record DailyVolume(LocalDate date, String team, long count) {
    }

    public record Insights(int windowDays, Instant since, long tickets, double autoRouteRate,
            @Nullable Double autoRoutePrecision, List<TeamInsight> teams, List<DailyVolume> daily) {
    }

    private record Counts(long volume, long arrivedAutomatically, long closed, long closeMillis, long autoRouted,
            long autoClosed, long autoClosedKept, long corrections) {

        static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0, 0, 0);

        Counts plus(Counts o) {
            return new Counts(volume + o.volume, arrivedAutomatically + o.arrivedAutomatically, closed + o.closed,
                    closeMillis + o.closeMillis, autoRouted + o.autoRouted, autoClosed + o.autoClosed,
                    autoClosedKept + o.autoClosedKept, corrections + o.corrections);
        }
    }

    @Transactional(readOnly = true)
    public Insights over(int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw new InvalidFieldException("days", "days must be between 1 and " + MAX_DAYS);
        }
        Instant since = clock.instant().minus(Duration.ofDays(days));
        Map<String, Counts> teams = new TreeMap<>();
        jdbc.sql("""
                SELECT assigned_to AS team, COUNT(*) AS volume,
                       SUM(CASE WHEN engine_team = assigned_to AND team_source = 'engine' THEN 1 ELSE 0 END) AS auto,
                       SUM(CASE WHEN status = 'closed' THEN 1 ELSE 0 END) AS closed,
                       SUM(CASE WHEN status = 'closed' THEN closed_at - created_at ELSE 0 END) AS close_ms
                FROM tickets WHERE created_at >= :since AND assigned_to <> ''
                GROUP BY assigned_to""")
                .param("since", since.toEpochMilli())
                .query(rs -> {
                    teams.merge(rs.getString("team"), new Counts(rs.getLong("volume"), rs.getLong("auto"),
                            rs.getLong("closed"), rs.getLong("close_ms"), 0, 0, 0, 0), Counts::plus);
                });
        jdbc.sql("""
                SELECT engine_team AS team, COUNT(*) AS routed,
                       SUM(CASE WHEN status = 'closed' THEN 1 ELSE 0 END) AS closed,
                       SUM(CASE WHEN status = 'closed' AND assigned_to = engine_team THEN 1 ELSE 0 END) AS kept
                FROM tickets WHERE created_at >= :since AND engine_team IS NOT NULL AND engine_team <> :manual
                GROUP BY engine_team""")
                .param("since", since.toEpochMilli())
                .param("manual", Ticket.MANUAL_REVIEW)
                .query(rs -> {
                    teams.merge(rs.getString("team"), new Counts(0, 0, 0, 0, rs.getLong("routed"),
                            rs.getLong("closed"), rs.getLong("kept"), 0), Counts::plus);
                });
        jdbc.sql("""
                SELECT old_value AS team, COUNT(*) AS corrections FROM corrections
                WHERE field = 'assigned_to' AND created_at >= :since AND old_value IS NOT NULL AND old_value <> ''
                GROUP BY old_value""")
                .param("since", since.toEpochMilli())
                .query(rs -> {
                    teams.merge(rs.getString("team"), new Counts(0, 0, 0, 0, 0, 0, 0, rs.getLong("corrections")),
                            Counts::plus);
                });
        List<DailyVolume> daily = jdbc.sql("""
                SELECT created_at / 86400000 AS day, assigned_to AS team, COUNT(*) AS count
                FROM tickets WHERE created_at >= :since AND assigned_to <> ''
                GROUP BY created_at / 86400000, assigned_to ORDER BY day, team""")
                .param("since", since.toEpochMilli())
                .query((rs, row) -> new DailyVolume(LocalDate.ofEpochDay(rs.getLong("day")), rs.getString("team"),
                        rs.getLong("count")))
                .list();
        List<TeamInsight> perTeam = teams.entrySet().stream().map(e -> insight(e.getKey(), e.getValue())).toList();
        Counts all = teams.entrySet().stream().filter(e -> !e.getKey().equals(Ticket.MANUAL_REVIEW))
                .map(Map.Entry::getValue).reduce(Counts.NONE, Counts::plus);
        long tickets = teams.values().stream().mapToLong(Counts::volume).sum();
        return new Insights(days, since, tickets, ratio(all.autoRouted(), tickets),
                all.autoClosed() == 0 ? null : ratio(all.autoClosedKept(), all.autoClosed()), perTeam, daily);
    }

    private static TeamInsight insight(String team, Counts c) {
        return new TeamInsight(team, c.volume(), ratio(c.arrivedAutomatically(), c.volume()), c.autoRouted(),
                c.autoClosed() == 0 ? null : ratio(c.autoClosedKept(), c.autoClosed()), c.corrections(),
                ratio(c.corrections(), c.autoRouted()),
                c.closed() == 0 ? null : c.closeMillis() / (double) c.closed() / 3_600_000d);
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
