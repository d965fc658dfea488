package io.tickettriage.incident;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.tickettriage.knowledge.Vectors;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Incidents, and the vectors of recently triaged tickets that duplicates and storms are found among. */
@Repository
class IncidentStore {

    /** A triaged ticket's vector, and the incident it belongs to; {@code seq} orders changes across processes. */
    record RecentTicket(long ticketId, float[] vector, Instant createdAt, @Nullable Long incidentId, long seq) {
    }

    /** A ticket's state as the duplicate check needs it. */
    record TicketState(long ticketId, boolean closed, @Nullable String createdBy) {
    }

    private final JdbcClient jdbc;

    IncidentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The next number of the clock every process's assessments share. Its row stays locked until the transaction
     * ends, so assessments take turns across processes and each one sees everything committed before it.
     */
    long nextSeq() {
        return jdbc.sql("UPDATE incident_clock SET seq = seq + 1 WHERE id = 1 RETURNING seq").query(Long.class).single();
    }

    void saveVector(long ticketId, float[] vector, Instant createdAt, long seq, @Nullable Long incidentId) {
        jdbc.sql("""
                INSERT INTO ticket_vectors (ticket_id, vector, created_at, seq, incident_id)
                VALUES (:ticket, :vector, :at, :seq, :incident)
                ON CONFLICT (ticket_id) DO NOTHING""")
                .param("ticket", ticketId)
                .param("vector", Vectors.toBytes(vector))
                .param("at", createdAt.toEpochMilli())
                .param("seq", seq)
                .param("incident", incidentId)
                .update();
    }

    /** Marks tickets as members of an incident, for the other processes to see at their next assessment. */
    void attach(long incidentId, List<Long> ticketIds, long seq) {
        if (ticketIds.isEmpty()) {
            return;
        }
        jdbc.sql("UPDATE ticket_vectors SET incident_id = :incident, seq = :seq WHERE ticket_id IN (:ids)")
                .param("incident", incidentId)
                .param("seq", seq)
                .param("ids", ticketIds)
                .update();
    }

    /** Tickets triaged since {@code since}, oldest first. */
    List<RecentTicket> recent(Instant since) {
        return jdbc.sql("""
                SELECT ticket_id, vector, created_at, incident_id, seq FROM ticket_vectors
                WHERE created_at >= :since ORDER BY created_at""")
                .param("since", since.toEpochMilli())
                .query(IncidentStore::recentTicket)
                .list();
    }

    /** What the other processes' assessments stored or changed after {@code seq}, in their order. */
    List<RecentTicket> changedAfter(long seq) {
        return jdbc.sql("""
                SELECT ticket_id, vector, created_at, incident_id, seq FROM ticket_vectors
                WHERE seq > :seq ORDER BY seq""")
                .param("seq", seq)
                .query(IncidentStore::recentTicket)
                .list();
    }

    /** The tickets among {@code ids} that still exist, with whether they are closed: read at the moment of asking. */
    List<TicketState> states(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT id, status, created_by FROM tickets WHERE id IN (:ids)")
                .param("ids", ids)
                .query((rs, row) -> new TicketState(rs.getLong("id"), "closed".equals(rs.getString("status")),
                        rs.getString("created_by")))
                .list();
    }

    private static RecentTicket recentTicket(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        long incident = rs.getLong("incident_id");
        Long incidentId = rs.wasNull() ? null : incident;
        return new RecentTicket(rs.getLong("ticket_id"), Vectors.fromBytes(rs.getBytes("vector")),
                Instant.ofEpochMilli(rs.getLong("created_at")), incidentId, rs.getLong("seq"));
    }

    long insertIncident(String title, Instant createdAt) {
        return jdbc.sql("INSERT INTO incidents (title, created_at) VALUES (:title, :at) RETURNING id")
                .param("title", title)
                .param("at", createdAt.toEpochMilli())
                .query(Long.class)
                .single();
    }

    Optional<Incident> find(long id) {
        return jdbc.sql("SELECT id, title, created_at FROM incidents WHERE id = :id")
                .param("id", id)
                .query(IncidentStore::withoutTickets)
                .optional()
                .map(this::withTickets);
    }

    List<Incident> latest(int limit) {
        // Tickets are read after the incidents, never from inside a row mapper: a query nested in another holds
        // two connections at once, and the SQLite pool has one.
        return jdbc.sql("SELECT id, title, created_at FROM incidents ORDER BY id DESC LIMIT :limit")
                .param("limit", limit)
                .query(IncidentStore::withoutTickets)
                .list()
                .stream()
                .map(this::withTickets)
                .toList();
    }

    private static Incident withoutTickets(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Incident(rs.getLong("id"), rs.getString("title"), Instant.ofEpochMilli(rs.getLong("created_at")),
                List.of());
    }

    private Incident withTickets(Incident incident) {
        return new Incident(incident.id(), incident.title(), incident.createdAt(), ticketsOf(incident.id()));
    }

    private List<Long> ticketsOf(long incidentId) {
        return jdbc.sql("SELECT id FROM tickets WHERE incident_id = :incident ORDER BY id")
                .param("incident", incidentId)
                .query(Long.class)
                .list();
    }
}
