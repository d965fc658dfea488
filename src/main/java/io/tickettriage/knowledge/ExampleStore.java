package io.tickettriage.knowledge;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.tickettriage.ticket.Level;
import io.tickettriage.ticket.Priority;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Examples with their vectors, persisted so that a start never embeds what it embedded before. */
@Repository
class ExampleStore {

    private static final String COLUMNS = "id, team, title, description, priority, level, source, ticket_id, vector";
    private static final Duration RETRACTIONS_KEPT = Duration.ofDays(1);

    private final JdbcClient jdbc;

    ExampleStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<EmbeddedExample> findAll(String modelId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM examples WHERE model = :model ORDER BY id")
                .param("model", modelId)
                .query(ExampleStore::row)
                .list();
    }

    /** Examples stored after {@code afterId}, by this or another process. */
    List<EmbeddedExample> findAfter(String modelId, long afterId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM examples WHERE model = :model AND id > :after ORDER BY id")
                .param("model", modelId)
                .param("after", afterId)
                .query(ExampleStore::row)
                .list();
    }

    /** The ids of every stored example of this model. */
    Set<Long> ids(String modelId) {
        return new HashSet<>(jdbc.sql("SELECT id FROM examples WHERE model = :model")
                .param("model", modelId)
                .query(Long.class)
                .list());
    }

    List<EmbeddedExample> findByIds(Collection<Long> ids) {
        List<EmbeddedExample> found = new ArrayList<>(ids.size());
        List<Long> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += 500) {
            found.addAll(jdbc.sql("SELECT " + COLUMNS + " FROM examples WHERE id IN (:ids) ORDER BY id")
                    .param("ids", all.subList(from, Math.min(all.size(), from + 500)))
                    .query(ExampleStore::row)
                    .list());
        }
        return found;
    }

    /** How many examples of this model are stored: a cheap check that an index holds them all. */
    int count(String modelId) {
        return jdbc.sql("SELECT COUNT(*) FROM examples WHERE model = :model")
                .param("model", modelId)
                .query(Integer.class)
                .single();
    }

    Set<String> hashes(String modelId) {
        return new HashSet<>(jdbc.sql("SELECT content_hash FROM examples WHERE model = :model")
                .param("model", modelId)
                .query(String.class)
                .list());
    }

    /**
     * Examples stored with the vectors of another embedding model: after a change of model, what the knowledge base
     * had learnt (imports, closed and corrected tickets) is embedded again rather than lost.
     */
    List<Example> storedForOtherModels(String modelId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM examples WHERE model <> :model ORDER BY id")
                .param("model", modelId)
                .query((rs, row) -> row(rs, row).example())
                .list();
    }

    /** Gives an example this model's vector, keeping its id (explanations and tickets refer to it). */
    void reembed(long id, String hash, String modelId, float[] vector) {
        jdbc.sql("UPDATE examples SET model = :model, content_hash = :hash, vector = :vector WHERE id = :id")
                .param("model", modelId)
                .param("hash", hash)
                .param("vector", Vectors.toBytes(vector))
                .param("id", id)
                .update();
    }

    Set<String> teams() {
        return new HashSet<>(jdbc.sql("SELECT DISTINCT team FROM examples").query(String.class).list());
    }

    EmbeddedExample insert(LabelledText text, String hash, String modelId, float[] vector, Instant now) {
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
        return new EmbeddedExample(new Example(id, text.team(), text.title(), text.description(), text.priority(),
                text.level(), text.source(), text.ticketId()), vector);
    }

    /**
     * Removes what was learnt from a ticket and leaves a note of the removed ids, so that other processes drop
     * them from their indexes too; returns the removed ids.
     */
    List<Long> deleteByTicket(long ticketId, Instant now) {
        List<Long> ids = jdbc.sql("DELETE FROM examples WHERE ticket_id = :ticket RETURNING id")
                .param("ticket", ticketId)
                .query(Long.class)
                .list();
        noteRetractions(ids, now);
        if (!ids.isEmpty()) {
            // A running process reads the notes within seconds, a starting one reads the examples table itself.
            jdbc.sql("DELETE FROM example_retractions WHERE retracted_at < :before")
                    .param("before", now.minus(RETRACTIONS_KEPT).toEpochMilli())
                    .update();
        }
        return ids;
    }

    /** Leaves a note of removed examples' ids, which other processes read to drop them from their indexes. */
    private void noteRetractions(List<Long> ids, Instant now) {
        for (long id : ids) {
            jdbc.sql("INSERT INTO example_retractions (example_id, retracted_at) VALUES (:example, :now)")
                    .param("example", id)
                    .param("now", now.toEpochMilli())
                    .update();
        }
    }

    /**
     * Removes every example that came from {@code source} (the starter set, once it is turned off), noting the ids
     * for other processes as {@link #deleteByTicket} does; returns the removed ids.
     */
    List<Long> deleteBySource(String source, Instant now) {
        List<Long> ids = jdbc.sql("DELETE FROM examples WHERE source = :source RETURNING id")
                .param("source", source)
                .query(Long.class)
                .list();
        noteRetractions(ids, now);
        return ids;
    }

    /** A removed example, in the order the removals were noted. */
    record Retraction(long seq, long exampleId) {
    }

    List<Retraction> retractionsAfter(long afterSeq) {
        return jdbc.sql("SELECT id, example_id FROM example_retractions WHERE id > :after ORDER BY id")
                .param("after", afterSeq)
                .query((rs, row) -> new Retraction(rs.getLong("id"), rs.getLong("example_id")))
                .list();
    }

    long lastRetraction() {
        return jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM example_retractions").query(Long.class).single();
    }

    private static EmbeddedExample row(ResultSet rs, int row) throws SQLException {
        return new EmbeddedExample(new Example(rs.getLong("id"), rs.getString("team"), rs.getString("title"),
                rs.getString("description"), Priority.parse(rs.getString("priority")).orElse(null),
                Level.parse(rs.getString("level")).orElse(null), rs.getString("source"),
                nullableLong(rs, "ticket_id")), Vectors.fromBytes(rs.getBytes("vector")));
    }

    private static @Nullable Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
