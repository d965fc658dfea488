package io.tickettriage.comment;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class CommentRepository {

    private final JdbcClient jdbc;

    CommentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Comment insert(long ticketId, String text, boolean internal, Instant now) {
        long id = jdbc.sql("INSERT INTO comments (ticket_id, text, created_at, internal) "
                        + "VALUES (:ticket, :text, :now, :internal) RETURNING id")
                .param("ticket", ticketId)
                .param("internal", internal)
                .param("text", text)
                .param("now", now.toEpochMilli())
                .query(Long.class)
                .single();
        return new Comment(id, ticketId, text, Instant.ofEpochMilli(now.toEpochMilli()), internal);
    }

    List<Comment> findByTicket(long ticketId, boolean includeInternal) {
        return findByTicket(ticketId, includeInternal, 0, Integer.MAX_VALUE);
    }

    /** Oldest first, those after the comment id {@code after}, at most {@code limit}. */
    List<Comment> findByTicket(long ticketId, boolean includeInternal, long after, int limit) {
        return jdbc.sql("SELECT id, ticket_id, text, created_at, internal FROM comments WHERE ticket_id = :ticket"
                        + " AND id > :after" + (includeInternal ? "" : " AND internal = :no") + " ORDER BY id LIMIT :limit")
                .param("ticket", ticketId)
                .param("after", after)
                .param("limit", limit)
                .param("no", false)
                .query((rs, row) -> new Comment(rs.getLong("id"), rs.getLong("ticket_id"), rs.getString("text"),
                        Instant.ofEpochMilli(rs.getLong("created_at")), rs.getBoolean("internal")))
                .list();
    }
}
