package io.tickettriage.ticket;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class CorrectionRepository {

    private final JdbcClient jdbc;

    CorrectionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Correction correction) {
        jdbc.sql("""
                INSERT INTO corrections (ticket_id, field, old_value, new_value, changed_by, created_at)
                VALUES (:ticket, :field, :old, :new, :by, :at)""")
                .param("ticket", correction.ticketId())
                .param("field", correction.field())
                .param("old", correction.oldValue())
                .param("new", correction.newValue())
                .param("by", correction.changedBy())
                .param("at", correction.createdAt().toEpochMilli())
                .update();
    }

    List<Correction> findByTicket(long ticketId) {
        return jdbc.sql("""
                SELECT ticket_id, field, old_value, new_value, changed_by, created_at
                FROM corrections WHERE ticket_id = :ticket ORDER BY id""")
                .param("ticket", ticketId)
                .query((rs, row) -> new Correction(rs.getLong("ticket_id"), rs.getString("field"),
                        rs.getString("old_value"), rs.getString("new_value"), rs.getString("changed_by"),
                        Instant.ofEpochMilli(rs.getLong("created_at"))))
                .list();
    }
}
