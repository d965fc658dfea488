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

    record RecentTicket(long ticketId, float[] vector, Instant createdAt, boolean closed, @Nullable Long incidentId) {
    }

    private final JdbcClient jdbc;

    IncidentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void saveVector(long ticketId, float[] vector, Instant createdAt) {
        jdbc.sql("""
                INSERT INTO ticket_vectors (ticket_id, vector, created_at) VALUES (:ticket, :vector, :at)
                ON CONFLICT (ticket_id) DO NOTHING""")
                .param("ticket", ticketId)
                .param("vector", Vectors.toBytes(vector))
                .param("at", createdAt.toEpochMilli())
                .update();
    }

    /** Tickets triaged since {@code since}, with their status and incident, oldest first. */
    List<RecentTicket> recent(Instant since) {
        return jdbc.sql("""
                SELECT v.ticket_id, v.vector, v.created_at, t.status, t.incident_id
                FROM ticket_vectors v JOIN tickets t ON t.id = v.ticket_id
                WHERE v.created_at >= :since ORDER BY v.created_at""")
                .param("since", since.toEpochMilli())
                .query((rs, row) -> {
                    long incident = rs.getLong("incident_id");
                    Long incidentId = rs.wasNull() ? null : incident;
                    return new RecentTicket(rs.getLong("ticket_id"), Vectors.fromBytes(rs.getBytes("vector")),
                            Instant.ofEpochMilli(rs.getLong("created_at")), "closed".equals(rs.getString("status")),
                            incidentId);
                })
                .list();
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
