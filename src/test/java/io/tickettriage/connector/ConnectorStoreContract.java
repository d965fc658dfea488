package io.tickettriage.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The connectors' SQL, the same on SQLite and PostgreSQL: one mapping row per helpdesk ticket whatever races, history
 * marks that a re-run finds, closes and reopens as seen, a decision recorded once, cursors, and the polling lease
 * that keeps a second worker out.
 */
abstract class ConnectorStoreContract {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    abstract DataSource dataSource();

    ConnectorStore store;
    String connector;

    @BeforeEach
    void store() {
        store = new ConnectorStore(JdbcClient.create(dataSource()));
        connector = "desk-" + UUID.randomUUID(); // each test its own connector: the database is shared
    }

    @Test
    void aHelpdeskTicketHasOneMappingRowWhoeverWritesItSecond() {
        HelpdeskTicket ticket = ticket("17", "Users", "2 normal", "new", false);
        long id = store.insertLive(connector, ticket, 501, NOW);

        assertThatThrownBy(() -> store.insertLive(connector, ticket, 502, NOW)).isInstanceOf(DataAccessException.class);
        ConnectorStore.Mapping mapping = store.find(connector, "17").orElseThrow();
        assertThat(mapping.id()).isEqualTo(id);
        assertThat(mapping.ticketId()).isEqualTo(501);
        assertThat(mapping.createdGroup()).isEqualTo("Users");
        assertThat(mapping.createdPriority()).isEqualTo("2 normal");
        assertThat(store.findByTicket(501)).contains(mapping);
        assertThat(store.find("another-" + connector, "17")).isEmpty();
    }

    @Test
    void historyMarksAreIdempotentAndKnownToTheNextImport() {
        store.insertHistory(connector, ticket("1", "Network Team", "3 high", "closed", true), NOW);
        store.insertHistory(connector, ticket("1", "Network Team", "3 high", "closed", true), NOW);
        store.insertLive(connector, ticket("2", "Users", null, "open", false), 9, NOW);

        assertThat(store.known(connector, List.of("1", "2", "3"))).containsExactlyInAnyOrder("1", "2");
        assertThat(store.historyByTitle(connector, "Ticket 1")).contains("1");
        assertThat(JdbcClient.create(dataSource()).sql("SELECT COUNT(*) FROM connector_tickets WHERE connector = ?")
                .param(connector).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void aCloseKeepsTheFinalGroupAndAReopenClearsIt() {
        long id = store.insertLive(connector, ticket("5", "Users", "2 normal", "new", false), 77, NOW);

        store.seen(id, ticket("5", "Hardware Team", "3 high", "closed", true), NOW.plusSeconds(60));
        ConnectorStore.Mapping closed = store.get(id).orElseThrow();
        assertThat(closed.closedInHelpdesk()).isTrue();
        assertThat(closed.lastGroup()).isEqualTo("Hardware Team");
        assertThat(closed.createdGroup()).isEqualTo("Users");

        store.seen(id, ticket("5", "Hardware Team", "3 high", "open", false), NOW.plusSeconds(120));
        assertThat(store.get(id).orElseThrow().closedInHelpdesk()).isFalse();
    }

    @Test
    void onlyTheFirstDecisionIsRecordedAndAWriteBackRemembersWhatItSet() {
        long id = store.insertLive(connector, ticket("8", "Users", "2 normal", "new", false), 88, NOW);

        assertThat(store.decide(id, "Hardware Team", "High", 0.93, true, true, NOW)).isTrue();
        assertThat(store.decide(id, "Network Team", "Low", 0.51, false, false, NOW)).isFalse();
        store.intend(id, "Hardware Team", null, NOW);
        store.intend(id, null, "3 high", NOW);

        ConnectorStore.Mapping mapping = store.get(id).orElseThrow();
        assertThat(mapping.predictedTeam()).isEqualTo("Hardware Team");
        assertThat(mapping.autoRoutable()).isTrue();
        assertThat(mapping.confidence()).isEqualTo(0.93);
        assertThat(mapping.writeBack()).isEqualTo(ConnectorStore.WriteBack.PENDING);
        assertThat(mapping.writtenGroup()).isEqualTo("Hardware Team");
        assertThat(mapping.writtenPriority()).isEqualTo("3 high");
        assertThat(store.writeBacks(connector, ConnectorStore.WriteBack.PENDING)).isEqualTo(1);

        store.finishWriteBack(id, ConnectorStore.WriteBack.FAILED, "nothing written", "Zammad answered 403", NOW);
        assertThat(store.get(id).orElseThrow().writeBack()).isEqualTo(ConnectorStore.WriteBack.FAILED);
    }

    @Test
    void cursorsAreSavedAndReplaced() {
        assertThat(store.cursor(connector, "poll")).isEmpty();
        store.saveCursor(connector, "poll", "2026-12-06T10:00:00Z", NOW);
        store.saveCursor(connector, "poll", "2026-12-06T10:05:00Z#2", NOW);
        assertThat(store.cursor(connector, "poll")).contains("2026-12-06T10:05:00Z#2");
    }

    @Test
    void oneWorkerHoldsTheLeaseUntilItExpiresOrIsReleased() {
        assertThat(store.lease(connector, "worker-a", NOW, NOW.plusSeconds(120))).isTrue();
        assertThat(store.lease(connector, "worker-b", NOW.plusSeconds(60), NOW.plusSeconds(180))).isFalse();
        assertThat(store.lease(connector, "worker-a", NOW.plusSeconds(60), NOW.plusSeconds(180))).isTrue();
        // worker a died: its lease runs out and b takes over
        assertThat(store.lease(connector, "worker-b", NOW.plusSeconds(181), NOW.plusSeconds(300))).isTrue();
        assertThat(store.lease(connector, "worker-a", NOW.plusSeconds(200), NOW.plusSeconds(320))).isFalse();
        store.releaseLease(connector, "worker-b");
        assertThat(store.lease(connector, "worker-a", NOW.plusSeconds(201), NOW.plusSeconds(320))).isTrue();
    }

    private static HelpdeskTicket ticket(String id, String group, String priority, String state, boolean closed) {
        return new HelpdeskTicket(id, "Ticket " + id, null, group, priority, state, closed, NOW);
    }
}
