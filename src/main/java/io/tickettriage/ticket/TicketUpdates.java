package io.tickettriage.ticket;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The changes to stored tickets, in SQL that runs unchanged on SQLite and PostgreSQL: the engine's decision, an
 * agent's choices, status moves, incident grouping and the redaction of forgotten examples. Most carry in their
 * {@code WHERE} the state they apply to (a pending ticket, the expected status, no incident yet), so that a repeated
 * or concurrent change cannot apply twice; the caller's transaction ({@link TicketManagement}) holds them together.
 */
@Repository
class TicketUpdates {

    /** What a forgotten example's title becomes in the explanations that cite it. */
    static final String FORGOTTEN = "(deleted ticket)";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    TicketUpdates(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Stores the engine's decision if the ticket still waits for it. Fields an agent chose keep their values; the
     * requester's stated priority and level are replaced (they stay as requested_*), and the reason then says so
     * and why. Returns false when there was nothing to do, which makes a repeated job harmless.
     */
    boolean applyTriage(long id, TriageOutcome outcome, Instant now) {
        // Every right-hand side reads the row as it was before this statement, on SQLite and PostgreSQL alike.
        return jdbc.sql("""
                UPDATE tickets SET
                    assigned_to = CASE WHEN team_source = 'agent' THEN assigned_to ELSE :team END,
                    team_source = CASE WHEN team_source = 'agent' THEN team_source ELSE 'engine' END,
                    priority = CASE WHEN priority_source = 'agent' THEN priority ELSE :priority END,
                    priority_source = CASE WHEN priority_source = 'agent' THEN priority_source ELSE 'engine' END,
                    level = CASE WHEN level_source = 'agent' THEN level ELSE :level END,
                    level_source = CASE WHEN level_source = 'agent' THEN level_source ELSE 'engine' END,
                    confidence = :confidence,
                    engine_team = :team,
                    triage_reason = CAST(:reason AS TEXT)
                        || CASE WHEN priority_source <> 'agent' AND requested_priority <> CAST(:priority AS TEXT)
                                THEN '; priority ' || CAST(:priority AS TEXT) || ', not the stated '
                                     || requested_priority || ': ' || CAST(:priorityReason AS TEXT)
                                ELSE '' END
                        || CASE WHEN level_source <> 'agent' AND requested_level <> CAST(:level AS TEXT)
                                THEN '; level ' || CAST(:level AS TEXT) || ', not the stated '
                                     || requested_level || ': ' || CAST(:levelReason AS TEXT)
                                ELSE '' END,
                    explanation = :explanation,
                    possible_duplicates = :duplicates,
                    status = 'routed',
                    updated_at = :now
                WHERE id = :id AND status = 'pending'""")
                .param("id", id)
                .param("team", outcome.team())
                .param("priority", outcome.priority().label())
                .param("level", outcome.level().label())
                .param("confidence", outcome.confidence())
                .param("reason", outcome.reason())
                .param("priorityReason", outcome.priorityReason() == null ? "the engine's judgement"
                        : outcome.priorityReason())
                .param("levelReason", outcome.levelReason() == null ? "the engine's judgement" : outcome.levelReason())
                .param("explanation", outcome.explanation())
                .param("duplicates", outcome.possibleDuplicates().isEmpty() ? null
                        : json.writeValueAsString(outcome.possibleDuplicates()))
                .param("now", now.toEpochMilli())
                .update() == 1;
    }

    /** An agent's choice of team, priority or tier; a team chosen for a pending ticket routes it. */
    void applyAgentChange(long id, @Nullable String team, @Nullable Priority priority, @Nullable Level level,
            Instant now) {
        applyAgentChange(id, team, priority, level, null, null, now);
    }

    /**
     * An agent's choice of team, priority, tier or assignee ({@code ""} to return the ticket to its team's queue). A
     * move to another team returns a ticket the engine had assigned to the new team's queue; a person's choice of
     * assignee stays.
     */
    void applyAgentChange(long id, @Nullable String team, @Nullable Priority priority, @Nullable Level level,
            @Nullable String assignee, @Nullable String assignmentReason, Instant now) {
        jdbc.sql("""
                UPDATE tickets SET
                    assignee = CASE WHEN CAST(:assignee AS TEXT) IS NOT NULL THEN NULLIF(CAST(:assignee AS TEXT), '')
                                    WHEN CAST(:team AS TEXT) <> assigned_to AND assignee_source = 'engine' THEN NULL
                                    ELSE assignee END,
                    assignee_source = CASE WHEN CAST(:assignee AS TEXT) = '' THEN NULL
                                           WHEN CAST(:assignee AS TEXT) IS NOT NULL THEN 'agent'
                                           WHEN CAST(:team AS TEXT) <> assigned_to AND assignee_source = 'engine' THEN NULL
                                           ELSE assignee_source END,
                    assignment_reason = CASE WHEN CAST(:assignee AS TEXT) = '' THEN NULL
                                             WHEN CAST(:assignee AS TEXT) IS NOT NULL THEN CAST(:assignmentReason AS TEXT)
                                             WHEN CAST(:team AS TEXT) <> assigned_to AND assignee_source = 'engine' THEN NULL
                                             ELSE assignment_reason END,
                    assigned_to = COALESCE(CAST(:team AS TEXT), assigned_to),
                    team_source = CASE WHEN CAST(:team AS TEXT) IS NULL THEN team_source ELSE 'agent' END,
                    status = CASE WHEN CAST(:team AS TEXT) IS NOT NULL AND status = 'pending' THEN 'routed' ELSE status END,
                    triage_reason = CASE WHEN CAST(:team AS TEXT) IS NULL THEN triage_reason ELSE 'Assigned by an agent' END,
                    priority = COALESCE(CAST(:priority AS TEXT), priority),
                    priority_source = CASE WHEN CAST(:priority AS TEXT) IS NULL THEN priority_source ELSE 'agent' END,
                    level = COALESCE(CAST(:level AS TEXT), level),
                    level_source = CASE WHEN CAST(:level AS TEXT) IS NULL THEN level_source ELSE 'agent' END,
                    updated_at = :now
                WHERE id = :id""")
                .param("id", id)
                .param("team", team, java.sql.Types.VARCHAR)
                .param("priority", priority == null ? null : priority.label(), java.sql.Types.VARCHAR)
                .param("level", level == null ? null : level.label(), java.sql.Types.VARCHAR)
                .param("assignee", assignee, java.sql.Types.VARCHAR)
                .param("assignmentReason", assignmentReason, java.sql.Types.VARCHAR)
                .param("now", now.toEpochMilli())
                .update();
    }

    /** Moves a ticket between statuses only if it is still in {@code from}, so concurrent changes cannot both win. */
    boolean changeStatus(long id, TicketStatus from, TicketStatus to, Instant now) {
        return jdbc.sql("""
                UPDATE tickets SET status = :to, updated_at = :now,
                    closed_at = CASE WHEN CAST(:to AS TEXT) = 'closed' THEN :now ELSE NULL END,
                    resolution_breached = CASE WHEN CAST(:to AS TEXT) = 'closed' AND resolution_due < :now THEN 1
                                               ELSE resolution_breached END,
                    -- a reopened ticket's clocks resume: the time it spent closed moves its open targets
                    first_response_due = CASE WHEN CAST(:to AS TEXT) <> 'closed' AND closed_at IS NOT NULL
                                                   AND first_response_at IS NULL
                                              THEN first_response_due + (CAST(:now AS BIGINT) - closed_at)
                                              ELSE first_response_due END,
                    resolution_due = CASE WHEN CAST(:to AS TEXT) <> 'closed' AND closed_at IS NOT NULL
                                          THEN resolution_due + (CAST(:now AS BIGINT) - closed_at)
                                          ELSE resolution_due END,
                    first_response_warn_at = CASE WHEN CAST(:to AS TEXT) <> 'closed' AND closed_at IS NOT NULL
                                                       AND first_response_at IS NULL
                                                  THEN first_response_warn_at + (CAST(:now AS BIGINT) - closed_at)
                                                  ELSE first_response_warn_at END,
                    resolution_warn_at = CASE WHEN CAST(:to AS TEXT) <> 'closed' AND closed_at IS NOT NULL
                                              THEN resolution_warn_at + (CAST(:now AS BIGINT) - closed_at)
                                              ELSE resolution_warn_at END,
                    sla_paused_ms = CASE WHEN CAST(:to AS TEXT) <> 'closed' AND closed_at IS NOT NULL
                                         THEN sla_paused_ms + (CAST(:now AS BIGINT) - closed_at)
                                         ELSE sla_paused_ms END
                WHERE id = :id AND status = :from""")
                .param("id", id)
                .param("from", from.value())
                .param("to", to.value())
                .param("now", now.toEpochMilli())
                .update() == 1;
    }

    /** Groups tickets under an incident; returns the ids that were not in one before. */
    List<Long> attachToIncident(long incidentId, List<Long> ids, Instant now) {
        List<Long> attached = new ArrayList<>();
        for (long id : ids) {
            int changed = jdbc.sql("UPDATE tickets SET incident_id = :incident, updated_at = :now "
                            + "WHERE id = :id AND incident_id IS NULL")
                    .param("incident", incidentId)
                    .param("id", id)
                    .param("now", now.toEpochMilli())
                    .update();
            if (changed == 1) {
                attached.add(id);
            }
        }
        return attached;
    }

    /**
     * Removes the text of a forgotten example from the stored explanations that cite it among their nearest
     * examples; returns how many explanations changed.
     */
    int redactCitations(long exampleId) {
        String pattern = "%\"example_id\":" + exampleId + ",%";
        record Citing(long id, String explanation) {
        }
        List<Citing> citing = jdbc.sql("SELECT id, explanation FROM tickets WHERE explanation LIKE :pattern")
                .param("pattern", pattern)
                .query((rs, row) -> new Citing(rs.getLong("id"), rs.getString("explanation")))
                .list();
        int changed = 0;
        for (Citing stored : citing) {
            JsonNode explanation = json.readTree(stored.explanation());
            boolean redacted = false;
            for (JsonNode example : explanation.path("nearest_examples")) {
                if (example instanceof ObjectNode cited && cited.path("example_id").asLong() == exampleId) {
                    cited.put("title", FORGOTTEN);
                    cited.remove("ticket_id");
                    cited.put("forgotten", true);
                    redacted = true;
                }
            }
            if (redacted) {
                changed += jdbc.sql("UPDATE tickets SET explanation = :explanation WHERE id = :id")
                        .param("explanation", json.writeValueAsString(explanation))
                        .param("id", stored.id())
                        .update();
            }
        }
        return changed;
    }
}
