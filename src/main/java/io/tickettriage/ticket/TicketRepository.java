package io.tickettriage.ticket;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Tickets in SQL that runs unchanged on SQLite and PostgreSQL. */
@Repository
class TicketRepository {

    private static final String COLUMNS = "id, title, description, created_at, updated_at, priority, level, "
            + "assigned_to, confidence, status, triage_reason, closed_at, possible_duplicates, incident_id, created_by, "
            + "requested_priority, requested_level, channel, requester_email, assignee, assignment_reason, "
            + "first_response_due, resolution_due, first_response_at, first_response_breached, resolution_breached, "
            // only Manual Review tickets need their explanation read, for the team their confidence belongs to
            + "CASE WHEN assigned_to = '" + Ticket.MANUAL_REVIEW + "' THEN explanation END AS review_explanation";
    private static final TypeReference<List<PossibleDuplicate>> DUPLICATES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    /** What a forgotten example's title becomes in the explanations that cite it. */
    static final String FORGOTTEN = "(deleted ticket)";

    private final JsonMapper json;

    TicketRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    long insert(String title, String description, Priority priority, FieldSource prioritySource, Level level,
            FieldSource levelSource, @Nullable String createdBy, Instant now) {
        return insert(title, description, priority, prioritySource, level, levelSource, createdBy, Ticket.CHANNEL_API,
                null, now, null);
    }

    long insert(String title, String description, Priority priority, FieldSource prioritySource, Level level,
            FieldSource levelSource, @Nullable String createdBy, String channel, @Nullable String requesterEmail,
            Instant now, ServiceLevelTargets.@Nullable Target target) {
        return jdbc.sql("""
                INSERT INTO tickets (title, description, created_at, updated_at, priority, level, assigned_to,
                                     status, priority_source, level_source, team_source, created_by,
                                     requested_priority, requested_level, channel, requester_email,
                                     first_response_due, resolution_due)
                VALUES (:title, :description, :now, :now, :priority, :level, '', 'pending',
                        :prioritySource, :levelSource, 'default', :createdBy, :requestedPriority, :requestedLevel,
                        :channel, :requesterEmail, :firstResponseDue, :resolutionDue)
                RETURNING id""")
                .param("firstResponseDue", target == null ? null : now.plus(target.firstResponse()).toEpochMilli(),
                        java.sql.Types.BIGINT)
                .param("resolutionDue", target == null ? null : now.plus(target.resolution()).toEpochMilli(),
                        java.sql.Types.BIGINT)
                .param("title", title)
                .param("description", description)
                .param("now", now.toEpochMilli())
                .param("priority", priority.label())
                .param("level", level.label())
                .param("prioritySource", prioritySource.column())
                .param("levelSource", levelSource.column())
                .param("createdBy", createdBy, java.sql.Types.VARCHAR)
                .param("channel", channel)
                .param("requesterEmail", requesterEmail, java.sql.Types.VARCHAR)
                .param("requestedPriority", prioritySource == FieldSource.REQUESTER ? priority.label() : null,
                        java.sql.Types.VARCHAR)
                .param("requestedLevel", levelSource == FieldSource.REQUESTER ? level.label() : null,
                        java.sql.Types.VARCHAR)
                .query(Long.class)
                .single();
    }

    Optional<Ticket> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM tickets WHERE id = :id")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    Optional<String> findExplanation(long id) {
        return jdbc.sql("SELECT explanation FROM tickets WHERE id = :id AND explanation IS NOT NULL")
                .param("id", id)
                .query(String.class)
                .optional();
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

    List<Ticket> find(TicketQuery query) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT " + COLUMNS + " FROM tickets" + where(query, params) + " ORDER BY id DESC LIMIT ?";
        params.add(query.limit());
        return jdbc.sql(sql).params(params).query(this::map).list();
    }

    /** The ids of the tickets matching the query at {@code offset} and the one after it, newest first. */
    List<Long> idsAt(TicketQuery query, int offset) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT id FROM tickets" + where(query, params) + " ORDER BY id DESC LIMIT 2 OFFSET ?";
        params.add(offset);
        return jdbc.sql(sql).params(params).query(Long.class).list();
    }

    private static String where(TicketQuery query, List<Object> params) {
        StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
        if (query.status() != null) {
            sql.append(" AND status = ?");
            params.add(query.status().value());
        }
        if (query.team() != null) {
            sql.append(" AND assigned_to = ?");
            params.add(query.team());
        }
        if (query.text() != null) {
            sql.append(" AND (LOWER(title) LIKE ? ESCAPE '\\' OR LOWER(description) LIKE ? ESCAPE '\\')");
            String pattern = "%" + escapeLike(query.text().toLowerCase()) + "%";
            params.add(pattern);
            params.add(pattern);
        }
        if (query.createdBy() != null) {
            sql.append(" AND created_by = ?");
            params.add(query.createdBy());
        }
        if (query.assignee() != null) {
            sql.append(" AND assignee = ?");
            params.add(query.assignee());
        }
        if (query.beforeId() != null) {
            sql.append(" AND id < ?");
            params.add(query.beforeId());
        }
        return sql.toString();
    }

    /** Uses the partial index of pending tickets by creator: cheap however many tickets the creator has. */
    long countPending(String createdBy) {
        return jdbc.sql("SELECT COUNT(*) FROM tickets WHERE status = 'pending' AND created_by = :creator")
                .param("creator", createdBy).query(Long.class).single();
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

    boolean delete(long id) {
        return jdbc.sql("DELETE FROM tickets WHERE id = :id").param("id", id).update() == 1;
    }

    private List<PossibleDuplicate> duplicates(@Nullable String stored) {
        return stored == null || stored.isBlank() ? List.of() : List.copyOf(json.readValue(stored, DUPLICATES));
    }

    private static @Nullable Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static <T> @Nullable T nullable(@Nullable String stored, java.util.function.Function<String, T> parse) {
        return stored == null ? null : parse.apply(stored);
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private Ticket map(ResultSet rs, int row) throws SQLException {
        long closedAt = rs.getLong("closed_at");
        Instant nullableClosedAt = rs.wasNull() ? null : Instant.ofEpochMilli(closedAt);
        return new Ticket(
                rs.getLong("id"),
                rs.getString("title"),
                rs.getString("description"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")),
                Priority.of(rs.getString("priority")),
                Level.of(rs.getString("level")),
                rs.getString("assigned_to"),
                rs.getDouble("confidence"), // a stored null (not scored) reads as 0.0, see Ticket
                TicketStatus.parse(rs.getString("status")).orElseThrow(),
                rs.getString("triage_reason"),
                nullableClosedAt,
                duplicates(rs.getString("possible_duplicates")),
                nullableLong(rs, "incident_id"),
                rs.getString("created_by"),
                bestGuess(rs.getString("review_explanation")),
                nullable(rs.getString("requested_priority"), Priority::of),
                nullable(rs.getString("requested_level"), Level::of),
                rs.getString("channel"),
                rs.getString("requester_email"),
                rs.getString("assignee"),
                rs.getString("assignment_reason"),
                nullableInstant(rs, "first_response_due"),
                nullableInstant(rs, "resolution_due"),
                nullableInstant(rs, "first_response_at"),
                rs.getInt("first_response_breached") == 1 || rs.getInt("resolution_breached") == 1);
    }

    private static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(value);
    }

    /** The engine's preferred team, from a stored explanation (its {@code preferred_team}). */
    private @Nullable String bestGuess(@Nullable String explanation) {
        if (explanation == null || explanation.isBlank()) {
            return null;
        }
        tools.jackson.databind.JsonNode team = json.readTree(explanation).path("preferred_team");
        return team.isString() && !team.asString().isBlank() ? team.asString() : null;
    }
}
