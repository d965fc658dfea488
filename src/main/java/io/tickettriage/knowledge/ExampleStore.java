package io.tickettriage.knowledge;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.tickettriage.ticket.Level;
import io.tickettriage.ticket.Priority;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Examples with their vectors, persisted so that a start never embeds what it embedded before. */
@Repository
class ExampleStore {

    record StoredExample(Example example, float[] vector) {
    }

    private final JdbcClient jdbc;

    ExampleStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<StoredExample> findAll(String modelId) {
        return jdbc.sql("""
                SELECT id, team, title, description, priority, level, source, ticket_id, vector
                FROM examples WHERE model = :model ORDER BY id""")
                .param("model", modelId)
                .query((rs, row) -> new StoredExample(
                        new Example(rs.getLong("id"), rs.getString("team"), rs.getString("title"),
                                rs.getString("description"), Priority.parse(rs.getString("priority")).orElse(null),
                                Level.parse(rs.getString("level")).orElse(null), rs.getString("source"),
                                nullableLong(rs, "ticket_id")),
                        Vectors.fromBytes(rs.getBytes("vector"))))
                .list();
    }

    /** Examples stored after {@code afterId}, by this or another process. */
    List<StoredExample> findAfter(String modelId, long afterId) {
        return jdbc.sql("""
                SELECT id, team, title, description, priority, level, source, ticket_id, vector
                FROM examples WHERE model = :model AND id > :after ORDER BY id""")
                .param("model", modelId)
                .param("after", afterId)
                .query((rs, row) -> new StoredExample(
                        new Example(rs.getLong("id"), rs.getString("team"), rs.getString("title"),
                                rs.getString("description"), Priority.parse(rs.getString("priority")).orElse(null),
                                Level.parse(rs.getString("level")).orElse(null), rs.getString("source"),
                                nullableLong(rs, "ticket_id")),
                        Vectors.fromBytes(rs.getBytes("vector"))))
                .list();
    }

    Set<String> hashes(String modelId) {
        return new HashSet<>(jdbc.sql("SELECT content_hash FROM examples WHERE model = :model")
                .param("model", modelId)
                .query(String.class)
                .list());
    }

    Set<String> teams() {
        return new HashSet<>(jdbc.sql("SELECT DISTINCT team FROM examples").query(String.class).list());
    }

    StoredExample insert(LabelledText text, String hash, String modelId, float[] vector, Instant now) {
        long id = jdbc.sql("""
                INSERT INTO examples (team, title, description, priority, level, source, content_hash, model,
                                      vector, created_at, ticket_id)
                VALUES (:team, :title, :description, :priority, :level, :source, :hash, :model, :vector, :now,
                        :ticket)
                RETURNING id""")
                .param("team", text.team())
                .param("title", text.title())
                .param("description", text.description())
                .param("priority", text.priority() == null ? null : text.priority().label())
                .param("level", text.level() == null ? null : text.level().label())
                .param("source", text.source())
                .param("hash", hash)
                .param("model", modelId)
                .param("vector", Vectors.toBytes(vector))
                .param("now", now.toEpochMilli())
                .param("ticket", text.ticketId())
                .query(Long.class)
                .single();
        return new StoredExample(new Example(id, text.team(), text.title(), text.description(), text.priority(),
                text.level(), text.source(), text.ticketId()), vector);
    }

    /** Removes what was learnt from a ticket; returns whether there was anything. */
    boolean deleteByTicket(long ticketId) {
        return jdbc.sql("DELETE FROM examples WHERE ticket_id = :ticket").param("ticket", ticketId).update() > 0;
    }

    private static Long nullableLong(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
