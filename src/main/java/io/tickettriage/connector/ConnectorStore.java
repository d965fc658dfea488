package io.tickettriage.connector;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The connectors' tables, in SQL that runs unchanged on SQLite and PostgreSQL. */
@Repository
class ConnectorStore {

    static final String LIVE = "live";
    static final String HISTORY = "history";

    /** Where a write-back stands. */
    enum WriteBack {
        NONE, PENDING, DONE, SKIPPED, FAILED;

        String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static WriteBack of(String column) {
            return valueOf(column.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** A helpdesk ticket the product knows. */
    record Mapping(long id, String connector, String externalId, String kind, @Nullable Long ticketId,
            @Nullable String createdGroup, @Nullable String createdPriority, @Nullable String lastGroup,
            @Nullable String lastPriority, @Nullable String lastState, @Nullable String predictedTeam,
            @Nullable String predictedPriority, @Nullable Double confidence, boolean autoRoutable,
            boolean decided, boolean closedInHelpdesk, @Nullable String writtenGroup, @Nullable String writtenPriority, WriteBack writeBack) {
    }

    private static final String COLUMNS = "id, connector, external_id, kind, ticket_id, created_group, "
            + "created_priority, last_group, last_priority, last_state, predicted_team, predicted_priority, confidence, "
            + "auto_routable, decided_at, closed_at, written_group, written_priority, writeback_state";

    private final JdbcClient jdbc;

    ConnectorStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Mapping> find(String connector, String externalId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM connector_tickets WHERE connector = :connector "
                        + "AND external_id = :external")
                .param("connector", connector).param("external", externalId)
                .query(ConnectorStore::mapping).optional();
    }

    Optional<Mapping> get(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM connector_tickets WHERE id = :id").param("id", id)
                .query(ConnectorStore::mapping).optional();
    }

    Optional<Mapping> findByTicket(long ticketId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM connector_tickets WHERE ticket_id = :ticket AND kind = 'live'")
                .param("ticket", ticketId).query(ConnectorStore::mapping).optional();
    }

    /** Of these external ids, the ones the connector knows already (live or history). */
    Set<String> known(String connector, Collection<String> externalIds) {
        if (externalIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("SELECT external_id FROM connector_tickets WHERE connector = :connector "
                        + "AND external_id IN (:ids)")
                .param("connector", connector).param("ids", externalIds).query(String.class).list());
    }

    /**
     * Records a helpdesk ticket that became a product ticket. The unique (connector, external_id) refuses a second
     * row for the same helpdesk ticket, and with it the second product ticket created in the same transaction.
     */
    long insertLive(String connector, HelpdeskTicket ticket, long ticketId, Instant now) {
        return jdbc.sql("""
                INSERT INTO connector_tickets (connector, external_id, kind, ticket_id, created_group, created_priority,
                                               last_group, last_priority, last_state, created_at, updated_at)
                VALUES (:connector, :external, 'live', :ticket, :grp, :priority, :grp, :priority, :state, :now, :now)
                RETURNING id""")
                .param("connector", connector).param("external", ticket.externalId()).param("ticket", ticketId)
                .param("grp", ticket.group(), Types.VARCHAR).param("priority", ticket.priority(), Types.VARCHAR)
                .param("state", ticket.state()).param("now", now.toEpochMilli())
                .query(Long.class).single();
    }

    /** Marks a closed helpdesk ticket as imported into the knowledge base. */
    void insertHistory(String connector, HelpdeskTicket ticket, Instant now) {
        jdbc.sql("""
                INSERT INTO connector_tickets (connector, external_id, kind, title, created_group, created_priority,
                                               last_group, last_priority, last_state, final_group, final_priority,
                                               created_at, updated_at)
                VALUES (:connector, :external, 'history', :title, :grp, :priority, :grp, :priority, :state, :grp,
                        :priority, :now, :now)
                ON CONFLICT (connector, external_id) DO NOTHING""")
                .param("connector", connector).param("external", ticket.externalId()).param("title", ticket.title())
                .param("grp", ticket.group(), Types.VARCHAR).param("priority", ticket.priority(), Types.VARCHAR)
                .param("state", ticket.state()).param("now", now.toEpochMilli())
                .update();
    }

    /** An imported past ticket with this title, for links to similar past tickets. */
    Optional<String> historyByTitle(String connector, String title) {
        return jdbc.sql("SELECT external_id FROM connector_tickets WHERE connector = :connector AND title = :title "
                        + "AND kind = 'history' ORDER BY id LIMIT 1")
                .param("connector", connector).param("title", title).query(String.class).optional();
    }

    /** Remembers the helpdesk ticket as now seen; on a close, its final group and priority. */
    void seen(long id, HelpdeskTicket ticket, Instant now) {
        jdbc.sql("""
                UPDATE connector_tickets SET last_group = :grp, last_priority = :priority, last_state = :state,
                       final_group = CASE WHEN :closed = 1 THEN :grp ELSE final_group END,
                       final_priority = CASE WHEN :closed = 1 THEN :priority ELSE final_priority END,
                       closed_at = CASE WHEN :closed = 1 THEN COALESCE(closed_at, :now) ELSE NULL END,
                       updated_at = :now
                WHERE id = :id""")
                .param("id", id).param("grp", ticket.group(), Types.VARCHAR)
                .param("priority", ticket.priority(), Types.VARCHAR).param("state", ticket.state())
                .param("closed", ticket.closed() ? 1 : 0).param("now", now.toEpochMilli())
                .update();
    }

    /** Records the engine's first decision on a live ticket; false when one was recorded already. */
    boolean decide(long id, String team, String priority, double confidence, boolean autoRoutable, boolean writeBack,
            Instant now) {
        return jdbc.sql("""
                UPDATE connector_tickets SET predicted_team = :team, predicted_priority = :priority,
                       confidence = :confidence, auto_routable = :auto, decided_at = :now,
                       writeback_state = :state, updated_at = :now
                WHERE id = :id AND decided_at IS NULL""")
                .param("id", id).param("team", team).param("priority", priority).param("confidence", confidence)
                .param("auto", autoRoutable ? 1 : 0)
                .param("state", (writeBack ? WriteBack.PENDING : WriteBack.SKIPPED).column())
                .param("now", now.toEpochMilli())
                .update() == 1;
    }

    /** Notes what a write-back is about to set, before it is sent, so that seeing it later is known as ours. */
    void intend(long id, @Nullable String group, @Nullable String priority, Instant now) {
        jdbc.sql("UPDATE connector_tickets SET written_group = COALESCE(:grp, written_group), "
                        + "written_priority = COALESCE(:priority, written_priority), updated_at = :now WHERE id = :id")
                .param("id", id).param("grp", group, Types.VARCHAR).param("priority", priority, Types.VARCHAR)
                .param("now", now.toEpochMilli()).update();
    }

    void finishWriteBack(long id, WriteBack state, String action, @Nullable String error, Instant now) {
        jdbc.sql("UPDATE connector_tickets SET writeback_state = :state, writeback_action = :action, "
                        + "writeback_error = :error, updated_at = :now WHERE id = :id")
                .param("id", id).param("state", state.column()).param("action", action)
                .param("error", error, Types.VARCHAR).param("now", now.toEpochMilli()).update();
    }

    /** Write-backs by state for a connector, for its health. */
    long writeBacks(String connector, WriteBack state) {
        return jdbc.sql("SELECT COUNT(*) FROM connector_tickets WHERE connector = :connector "
                        + "AND writeback_state = :state")
                .param("connector", connector).param("state", state.column()).query(Long.class).single();
    }

    Optional<String> cursor(String connector, String name) {
        return jdbc.sql("SELECT value FROM connector_cursors WHERE connector = :connector AND name = :name")
                .param("connector", connector).param("name", name).query(String.class).optional();
    }

    void saveCursor(String connector, String name, String value, Instant now) {
        jdbc.sql("""
                INSERT INTO connector_cursors (connector, name, value, updated_at) VALUES (:connector, :name, :value, :now)
                ON CONFLICT (connector, name) DO UPDATE SET value = :value, updated_at = :now""")
                .param("connector", connector).param("name", name).param("value", value)
                .param("now", now.toEpochMilli()).update();
    }

    /**
     * Takes or renews the lease on polling {@code connector} for {@code holder} until {@code until}: true when this
     * process may poll. One conditional UPDATE, so two processes asking at once cannot both get it.
     */
    boolean lease(String connector, String holder, Instant now, Instant until) {
        jdbc.sql("INSERT INTO connector_leases (connector, holder, lease_until) VALUES (:connector, NULL, 0) "
                        + "ON CONFLICT (connector) DO NOTHING")
                .param("connector", connector).update();
        return jdbc.sql("UPDATE connector_leases SET holder = :holder, lease_until = :until WHERE connector = :connector "
                        + "AND (holder = :holder OR holder IS NULL OR lease_until < :now)")
                .param("holder", holder).param("until", until.toEpochMilli()).param("now", now.toEpochMilli())
                .param("connector", connector).update() == 1;
    }

    void releaseLease(String connector, String holder) {
        jdbc.sql("UPDATE connector_leases SET holder = NULL, lease_until = 0 WHERE connector = :connector "
                        + "AND holder = :holder")
                .param("connector", connector).param("holder", holder).update();
    }

    private static Mapping mapping(ResultSet rs, int row) throws SQLException {
        long ticket = rs.getLong("ticket_id");
        Long ticketId = rs.wasNull() ? null : ticket;
        double confidence = rs.getDouble("confidence");
        Double conf = rs.wasNull() ? null : confidence;
        rs.getLong("decided_at");
        boolean decided = !rs.wasNull();
        rs.getLong("closed_at");
        boolean closed = !rs.wasNull();
        return new Mapping(rs.getLong("id"), rs.getString("connector"), rs.getString("external_id"),
                rs.getString("kind"), ticketId, rs.getString("created_group"), rs.getString("created_priority"),
                rs.getString("last_group"), rs.getString("last_priority"), rs.getString("last_state"),
                rs.getString("predicted_team"), rs.getString("predicted_priority"), conf,
                rs.getInt("auto_routable") == 1, decided, closed, rs.getString("written_group"),
                rs.getString("written_priority"), WriteBack.of(rs.getString("writeback_state")));
    }
}
