package io.tickettriage.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import io.tickettriage.support.TestDatabases;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

class MailStoreTests {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path folder;

    MailStore store;

    @BeforeEach
    void database() {
        store = new MailStore(JdbcClient.create(TestDatabases.sqlite(folder.resolve("mail.db"))));
    }

    @Test
    void onlyOneProcessHoldsTheMailboxUntilItsLeaseRunsOut() {
        assertThat(store.lease("worker-a", NOW, NOW.plusSeconds(60))).isTrue();
        assertThat(store.lease("worker-b", NOW.plusSeconds(30), NOW.plusSeconds(90))).isFalse();
        assertThat(store.lease("worker-a", NOW.plusSeconds(30), NOW.plusSeconds(90))).isTrue();
        // worker-a died: once its lease has run out, worker-b takes over
        assertThat(store.lease("worker-b", NOW.plusSeconds(91), NOW.plusSeconds(151))).isTrue();
        assertThat(store.lease("worker-a", NOW.plusSeconds(100), NOW.plusSeconds(160))).isFalse();
        store.releaseLease("worker-b");
        assertThat(store.lease("worker-a", NOW.plusSeconds(101), NOW.plusSeconds(161))).isTrue();
    }

    @Test
    void aMessageIdIsRecordedOnceWhateverTheProcess() {
        store.record("<m1@x>", "a@example.com", MailStore.Outcome.TICKET, null, 1L, null, NOW);
        assertThat(store.known("<m1@x>")).isTrue();
        assertThatThrownBy(() -> store.record("<m1@x>", "a@example.com", MailStore.Outcome.TICKET, null, 2L, null,
                NOW)).isInstanceOf(DataAccessException.class).hasMessageContaining("UNIQUE");
    }

    @Test
    void findsTheTicketOfTheNearestMessageOfItsThread() {
        store.record("<opened@x>", "a@example.com", MailStore.Outcome.TICKET, null, 7L, null, NOW);
        store.queue(7, "received", "<note@y>", "a@example.com", "[#7] x", "body", "<opened@x>", "<opened@x>", NOW);
        store.record("<other@x>", "b@example.com", MailStore.Outcome.TICKET, null, 8L, null, NOW);

        assertThat(store.ticketOf(List.of("<unknown@z>", "<note@y>", "<other@x>"))).hasValue(7);
        assertThat(store.ticketOf(List.of("<other@x>"))).hasValue(8);
        assertThat(store.ticketOf(List.of("<unknown@z>"))).isEmpty();
        assertThat(store.thread(7)).containsExactly("<opened@x>", "<note@y>");
    }

    @Test
    void countsOnlyTheTicketsASenderOpenedWithinTheWindow() {
        store.record("<1@x>", "a@example.com", MailStore.Outcome.TICKET, null, 1L, null, NOW.minusSeconds(4000));
        store.record("<2@x>", "a@example.com", MailStore.Outcome.TICKET, null, 2L, null, NOW);
        store.record("<3@x>", "a@example.com", MailStore.Outcome.REPLY, null, 2L, 5L, NOW);
        assertThat(store.ticketsFrom("a@example.com", NOW.minusSeconds(3600))).isEqualTo(1);
    }
}
