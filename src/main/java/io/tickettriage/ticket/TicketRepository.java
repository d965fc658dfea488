package io.tickettriage.ticket;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.json.JsonMapper;

/**
 * Tickets in SQL that runs unchanged on SQLite and PostgreSQL: a ticket's creation, its reads (one, a page of a
 * search, a creator's pending count) and its removal. The changes to a stored ticket are {@link TicketUpdates}'; a row
 * becomes a {@link Ticket} in {@link TicketRows}.
 */
@Repository
class TicketRepository {

    private final JdbcClient jdbc;
    private final TicketRows rows;

    TicketRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.rows = new TicketRows(json);
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
        return jdbc.sql("SELECT " + TicketRows.COLUMNS + " FROM tickets WHERE id = :id")
                .param("id", id)
                .query(rows)
                .optional();
    }

    Optional<String> findExplanation(long id) {
        return jdbc.sql("SELECT explanation FROM tickets WHERE id = :id AND explanation IS NOT NULL")
                .param("id", id)
                .query(String.class)
                .optional();
    }

    List<Ticket> find(TicketQuery query) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT " + TicketRows.COLUMNS + " FROM tickets" + where(query, params) + " ORDER BY id DESC LIMIT ?";
        params.add(query.limit());
        return jdbc.sql(sql).params(params).query(rows).list();
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

    boolean delete(long id) {
        return jdbc.sql("DELETE FROM tickets WHERE id = :id").param("id", id).update() == 1;
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
