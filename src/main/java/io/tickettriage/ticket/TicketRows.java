package io.tickettriage.ticket;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A row of {@code tickets}, selected as {@link #COLUMNS}, as a {@link Ticket}: epoch milliseconds become instants,
 * stored JSON (possible duplicates, a Manual Review ticket's explanation) is read back, and absent values stay null.
 */
final class TicketRows implements RowMapper<Ticket> {

    /** The columns a {@link Ticket} is made of, for {@code SELECT}. */
    static final String COLUMNS = "id, title, description, created_at, updated_at, priority, level, "
            + "assigned_to, confidence, status, triage_reason, closed_at, possible_duplicates, incident_id, created_by, "
            + "requested_priority, requested_level, channel, requester_email, assignee, assignment_reason, "
            + "first_response_due, resolution_due, first_response_at, first_response_breached, resolution_breached, "
            // only Manual Review tickets need their explanation read, for the team their confidence belongs to
            + "CASE WHEN assigned_to = '" + Ticket.MANUAL_REVIEW + "' THEN explanation END AS review_explanation";
    private static final TypeReference<List<PossibleDuplicate>> DUPLICATES = new TypeReference<>() {
    };

    private final JsonMapper json;

    TicketRows(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Ticket mapRow(ResultSet rs, int row) throws SQLException {
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

    private List<PossibleDuplicate> duplicates(@Nullable String stored) {
        return stored == null || stored.isBlank() ? List.of() : List.copyOf(json.readValue(stored, DUPLICATES));
    }

    private static @Nullable Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static <T> @Nullable T nullable(@Nullable String stored, Function<String, T> parse) {
        return stored == null ? null : parse.apply(stored);
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
        JsonNode team = json.readTree(explanation).path("preferred_team");
        return team.isString() && !team.asString().isBlank() ? team.asString() : null;
    }
}
