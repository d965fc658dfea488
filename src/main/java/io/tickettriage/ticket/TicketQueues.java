package io.tickettriage.ticket;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The open work on tickets, in SQL that runs unchanged on SQLite and PostgreSQL: who has how many open tickets,
 * which tickets wait for an agent, which service levels are due. Every change is a conditional UPDATE that names the
 * state it expects, so that of several processes doing the same thing at once exactly one succeeds.
 */
@Repository
class TicketQueues {

    private final JdbcClient jdbc;

    TicketQueues(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Gives a ticket waiting in {@code team}'s queue to {@code agent}; false when it no longer waits there (another
     * process assigned it, an agent chose someone, it moved to another team or was closed).
     */
    boolean assign(long id, String team, String agent, String reason, Instant now) {
        return jdbc.sql("""
                UPDATE tickets SET assignee = :agent, assignee_source = 'engine', assignment_reason = :reason,
                                   updated_at = :now
                WHERE id = :id AND assignee IS NULL AND status = 'routed' AND assigned_to = :team""")
                .param("id", id)
                .param("team", team)
                .param("agent", agent)
                .param("reason", reason)
                .param("now", now.toEpochMilli())
                .update() == 1;
    }

    /** An agent's open (not closed) tickets, oldest first. */
    List<Long> openTicketsOf(String agent) {
        return jdbc.sql("SELECT id FROM tickets WHERE status <> 'closed' AND assignee = :agent ORDER BY id")
                .param("agent", agent)
                .query(Long.class)
                .list();
    }

    /** Takes an open ticket from {@code agent}, back to its team's queue; false when the agent no longer has it. */
    boolean unassign(long id, String agent, Instant now) {
        return jdbc.sql("""
                UPDATE tickets SET assignee = NULL, assignee_source = NULL, assignment_reason = NULL, updated_at = :now
                WHERE id = :id AND assignee = :agent AND status <> 'closed'""")
                .param("id", id)
                .param("agent", agent)
                .param("now", now.toEpochMilli())
                .update() == 1;
    }

    /** Open (not closed) tickets of each of these agents; an agent with none is missing from the answer. */
    Map<String, Long> openCounts(Collection<String> agents) {
        Map<String, Long> counts = new HashMap<>();
        if (agents.isEmpty()) {
            return counts;
        }
        List<Object> params = new ArrayList<>(agents);
        jdbc.sql("SELECT assignee, COUNT(*) AS open FROM tickets WHERE status <> 'closed' AND assignee IN ("
                        + placeholders(agents.size()) + ") GROUP BY assignee")
                .params(params)
                .query(rs -> {
                    counts.put(rs.getString("assignee"), rs.getLong("open"));
                });
        return counts;
    }

    /** The oldest tickets waiting in a team's queue. */
    List<Long> waiting(String team, int limit) {
        return jdbc.sql("""
                SELECT id FROM tickets WHERE status = 'routed' AND assignee IS NULL AND assigned_to = :team
                ORDER BY id LIMIT :limit""")
                .param("team", team)
                .param("limit", limit)
                .query(Long.class)
                .list();
    }

    /** The teams with tickets waiting for an agent. */
    List<String> teamsWithWaitingTickets() {
        return jdbc.sql("SELECT DISTINCT assigned_to FROM tickets WHERE status = 'routed' AND assignee IS NULL")
                .query(String.class)
                .list();
    }

    /** Who had each of these tickets when it was closed, for those that were closed with an assignee. */
    Map<Long, String> closedBy(Collection<Long> ids) {
        Map<Long, String> closers = new HashMap<>();
        if (ids.isEmpty()) {
            return closers;
        }
        jdbc.sql("SELECT id, assignee FROM tickets WHERE status = 'closed' AND assignee IS NOT NULL AND id IN ("
                        + placeholders(ids.size()) + ")")
                .params(new ArrayList<Object>(ids))
                .query(rs -> {
                    closers.put(rs.getLong("id"), rs.getString("assignee"));
                });
        return closers;
    }

    /** Records the first public answer of an agent; false when the ticket had one already. */
    boolean recordFirstResponse(long id, Instant at) {
        return jdbc.sql("""
                UPDATE tickets SET first_response_at = :at,
                    first_response_breached = CASE WHEN first_response_due < :at THEN 1 ELSE first_response_breached END
                WHERE id = :id AND first_response_at IS NULL""")
                .param("id", id)
                .param("at", at.toEpochMilli())
                .update() == 1;
    }

    /**
     * New due times, for a ticket whose priority changed: a target not met yet is judged again from scratch
     * (announced again should it be near or past), one met already is judged against its new due time.
     */
    void setDueTimes(long id, Instant firstResponseDue, Instant resolutionDue, @Nullable Instant firstResponseWarning,
            @Nullable Instant resolutionWarning) {
        jdbc.sql("""
                UPDATE tickets SET first_response_due = :firstResponseDue, resolution_due = :resolutionDue,
                    first_response_warn_at = :firstResponseWarning, resolution_warn_at = :resolutionWarning,
                    first_response_warned = CASE WHEN first_response_at IS NULL THEN 0 ELSE first_response_warned END,
                    first_response_breached = CASE WHEN first_response_at IS NULL THEN 0
                                                   WHEN first_response_at > :firstResponseDue THEN 1 ELSE 0 END,
                    resolution_warned = CASE WHEN status = 'closed' THEN resolution_warned ELSE 0 END,
                    resolution_breached = CASE WHEN status <> 'closed' THEN 0
                                               WHEN closed_at > :resolutionDue THEN 1 ELSE 0 END
                WHERE id = :id""")
                .param("id", id)
                .param("firstResponseDue", firstResponseDue.toEpochMilli())
                .param("resolutionDue", resolutionDue.toEpochMilli())
                .param("firstResponseWarning", firstResponseWarning == null ? null : firstResponseWarning.toEpochMilli(),
                        java.sql.Types.BIGINT)
                .param("resolutionWarning", resolutionWarning == null ? null : resolutionWarning.toEpochMilli(),
                        java.sql.Types.BIGINT)
                .update();
    }

    /** The time a ticket spent closed before it was reopened, which its due times are moved by. */
    long pausedMillis(long id) {
        return jdbc.sql("SELECT sla_paused_ms FROM tickets WHERE id = :id").param("id", id).query(Long.class)
                .optional().orElse(0L);
    }

    /** Open tickets that reached 80% of the time to a target without meeting it, and were not warned of yet. */
    List<Long> warningsDue(ServiceLevelMeasure measure, Instant now, int limit) {
        return jdbc.sql("SELECT id FROM tickets WHERE " + unmet(measure) + " AND " + column(measure, "warned")
                        + " = 0 AND " + warningPoint(measure) + " ORDER BY " + column(measure, "due") + " LIMIT :limit")
                .param("now", now.toEpochMilli())
                .param("limit", limit)
                .query(Long.class)
                .list();
    }

    /** Open tickets past a due time they did not meet, not announced yet. */
    List<Long> breachesDue(ServiceLevelMeasure measure, Instant now, int limit) {
        return jdbc.sql("SELECT id FROM tickets WHERE " + unmet(measure) + " AND " + column(measure, "due")
                        + " <= :now ORDER BY " + column(measure, "due") + " LIMIT :limit")
                .param("now", now.toEpochMilli())
                .param("limit", limit)
                .query(Long.class)
                .list();
    }

    /**
     * The earliest moment at which a warning or a breach of {@code measure} will be due, over the open tickets not
     * announced yet: the warning point for those not warned of, the due time for the others. Empty when none.
     */
    java.util.Optional<Instant> nextMoment(ServiceLevelMeasure measure) {
        // the warning point rounded up to the millisecond, so that warningPoint() holds at that moment
        Long next = jdbc.sql("SELECT MIN(CASE WHEN " + column(measure, "warned") + " = 0 THEN "
                        + warningMoment(measure) + " ELSE " + column(measure, "due") + " END) FROM tickets WHERE "
                        + unmet(measure))
                .query((rs, row) -> {
                    long value = rs.getLong(1);
                    return rs.wasNull() ? null : value;
                })
                .optional()
                .orElse(null);
        return java.util.Optional.ofNullable(next).map(Instant::ofEpochMilli);
    }

    /** Records the warning; false when it was recorded already (by another process) or no longer applies. */
    boolean markWarned(long id, ServiceLevelMeasure measure, Instant now) {
        return jdbc.sql("UPDATE tickets SET " + column(measure, "warned") + " = 1 WHERE id = :id AND "
                        + unmet(measure) + " AND " + column(measure, "warned") + " = 0 AND " + warningPoint(measure))
                .param("id", id)
                .param("now", now.toEpochMilli())
                .update() == 1;
    }

    /** Records the breach; false when it was recorded already (by another process) or no longer applies. */
    boolean markBreached(long id, ServiceLevelMeasure measure, Instant now) {
        return jdbc.sql("UPDATE tickets SET " + column(measure, "breached") + " = 1, " + column(measure, "warned")
                        + " = 1 WHERE id = :id AND " + unmet(measure) + " AND " + column(measure, "due") + " <= :now")
                .param("id", id)
                .param("now", now.toEpochMilli())
                .update() == 1;
    }

    /** An open ticket whose target is set, not met and not announced as breached. */
    private static String unmet(ServiceLevelMeasure measure) {
        String unmet = "status <> 'closed' AND " + column(measure, "due") + " IS NOT NULL AND "
                + column(measure, "breached") + " = 0";
        return measure == ServiceLevelMeasure.FIRST_RESPONSE ? unmet + " AND first_response_at IS NULL" : unmet;
    }

    /** 80% of the time to the target has passed. */
    private static String warningPoint(ServiceLevelMeasure measure) {
        return warningMoment(measure) + " <= CAST(:now AS BIGINT)";
    }

    /**
     * The moment 80% of the time to the target has passed: stored when the target counts a team's working time;
     * otherwise start + 0.8 * (due - start), start being the creation moved by the time spent closed, rounded up to
     * the millisecond, in integers.
     */
    private static String warningMoment(ServiceLevelMeasure measure) {
        return "COALESCE(" + column(measure, "warn_at") + ", (2 * (created_at + sla_paused_ms) + 8 * "
                + column(measure, "due") + " + 9) / 10)";
    }

    private static String column(ServiceLevelMeasure measure, String suffix) {
        return measure.value() + "_" + suffix;
    }

    private static String placeholders(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }
}
