package io.tickettriage.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;

import io.tickettriage.support.TestDatabases;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.json.JsonMapper;

/** A stored row read back as a ticket, written with plain SQL so that nothing but the mapping is under test. */
class TicketRowsTests {

    @TempDir
    Path folder;

    private JdbcClient jdbc;
    private final TicketRows rows = new TicketRows(JsonMapper.builder().build());

    @BeforeEach
    void database() {
        jdbc = JdbcClient.create(TestDatabases.sqlite(folder.resolve("tickets.db")));
    }

    @Test
    void readsEveryColumnAndTurnsEpochMillisecondsIntoInstants() {
        long id = insert("Network Team", "{\"preferred_team\":\"Network Team\"}", """
                [{"id":7,"similarity":0.93}]""");
        jdbc.sql("""
                UPDATE tickets SET status = 'closed', closed_at = 5000, incident_id = 3, confidence = 0.87,
                    requested_priority = 'High', requested_level = 'Tier 2', assignee = 'bob',
                    assignment_reason = 'least busy', first_response_due = 2000, resolution_due = 9000,
                    first_response_at = 1500, resolution_breached = 1
                WHERE id = :id""").param("id", id).update();

        Ticket ticket = read(id);

        assertThat(ticket.title()).isEqualTo("Printer jammed");
        assertThat(ticket.createdAt()).isEqualTo(Instant.ofEpochMilli(1000));
        assertThat(ticket.status()).isEqualTo(TicketStatus.CLOSED);
        assertThat(ticket.closedAt()).isEqualTo(Instant.ofEpochMilli(5000));
        assertThat(ticket.incidentId()).isEqualTo(3L);
        assertThat(ticket.confidence()).isEqualTo(0.87);
        assertThat(ticket.requestedPriority()).isEqualTo(Priority.HIGH);
        assertThat(ticket.requestedLevel()).isEqualTo(Level.TIER_2);
        assertThat(ticket.assignee()).isEqualTo("bob");
        assertThat(ticket.firstResponseDue()).isEqualTo(Instant.ofEpochMilli(2000));
        assertThat(ticket.firstResponseAt()).isEqualTo(Instant.ofEpochMilli(1500));
        assertThat(ticket.slaBreached()).as("the resolution target was missed").isTrue();
        assertThat(ticket.possibleDuplicates()).containsExactly(new PossibleDuplicate(7, 0.93, null));
        assertThat(ticket.bestGuess()).as("only a Manual Review ticket names one").isNull();
    }

    @Test
    void absentValuesStayAbsent() {
        Ticket ticket = read(insert("", null, null));

        assertThat(ticket.closedAt()).isNull();
        assertThat(ticket.incidentId()).isNull();
        assertThat(ticket.requestedPriority()).isNull();
        assertThat(ticket.firstResponseDue()).isNull();
        assertThat(ticket.possibleDuplicates()).isEmpty();
        assertThat(ticket.confidence()).as("a ticket not scored yet").isZero();
        assertThat(ticket.slaBreached()).isFalse();
    }

    @Test
    void aManualReviewTicketNamesTheEnginesPreferredTeam() {
        long named = insert(Ticket.MANUAL_REVIEW, "{\"preferred_team\":\"Software Team\"}", null);
        long blank = insert(Ticket.MANUAL_REVIEW, "{\"preferred_team\":\" \"}", null);

        assertThat(read(named).bestGuess()).isEqualTo("Software Team");
        assertThat(read(blank).bestGuess()).isNull();
    }

    private long insert(String team, String explanation, String duplicates) {
        return jdbc.sql("""
                INSERT INTO tickets (title, description, created_at, updated_at, priority, level, assigned_to, status,
                                     priority_source, level_source, team_source, explanation, possible_duplicates)
                VALUES ('Printer jammed', '', 1000, 1000, 'Medium', 'Tier 1', :team, 'routed', 'default', 'default',
                        'engine', :explanation, :duplicates)
                RETURNING id""")
                .param("team", team).param("explanation", explanation, java.sql.Types.VARCHAR)
                .param("duplicates", duplicates, java.sql.Types.VARCHAR).query(Long.class).single();
    }

    private Ticket read(long id) {
        return jdbc.sql("SELECT " + TicketRows.COLUMNS + " FROM tickets WHERE id = :id").param("id", id).query(rows)
                .single();
    }
}
