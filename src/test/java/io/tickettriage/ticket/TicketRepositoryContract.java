package io.tickettriage.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What every database must do for the ticket store ({@link TicketRepository}, {@link TicketUpdates}); run against
 * SQLite and PostgreSQL.
 */
abstract class TicketRepositoryContract {

    TicketRepository tickets;
    TicketUpdates updates;
    Instant now = Instant.parse("2026-03-01T09:30:00.123Z");

    abstract DataSource dataSource();

    @BeforeEach
    void emptyStore() {
        JdbcClient jdbc = JdbcClient.create(dataSource());
        jdbc.sql("DELETE FROM tickets").update();
        tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.builder().build();
        tickets = new TicketRepository(jdbc, json);
        updates = new TicketUpdates(jdbc, json);
    }

    @Test
    void storesAndReadsATicketWithMillisecondTimes() {
        long id = insert("Monitor flickers", "When docked");

        Ticket ticket = tickets.findById(id).orElseThrow();

        assertThat(ticket.title()).isEqualTo("Monitor flickers");
        assertThat(ticket.description()).isEqualTo("When docked");
        assertThat(ticket.createdAt()).isEqualTo(now);
        assertThat(ticket.status()).isEqualTo(TicketStatus.PENDING);
        assertThat(ticket.assignedTo()).isEmpty();
        assertThat(ticket.confidence()).as("not scored yet reads as 0.0").isZero();
        assertThat(ticket.closedAt()).isNull();
    }

    @Test
    void aManualReviewTicketNamesTheTeamItsConfidenceBelongsTo() {
        long review = insert("Odd request", "");
        long routed = insert("Laptop dead", "");
        updates.applyTriage(review, new TriageOutcome(Ticket.MANUAL_REVIEW, Priority.MEDIUM, Level.TIER_1, 0.62,
                "Not confident enough", "{\"preferred_team\":\"Software Team\",\"scores\":{}}"), now);
        updates.applyTriage(routed, new TriageOutcome("Hardware Team", Priority.MEDIUM, Level.TIER_1, 0.95,
                "Hardware Team", "{\"preferred_team\":\"Hardware Team\"}"), now);

        Ticket ticket = tickets.findById(review).orElseThrow();

        assertThat(ticket.bestGuess()).isEqualTo("Software Team");
        assertThat(ticket.confidence()).isEqualTo(0.62);
        assertThat(tickets.findById(routed).orElseThrow().bestGuess()).isNull();
        assertThat(tickets.find(new TicketQuery(null, Ticket.MANUAL_REVIEW, null, null, 10)))
                .extracting(Ticket::bestGuess).containsExactly("Software Team");
    }

    @Test
    void keepsUnicodeText() {
        long id = insert("Drucker 🖨 – ошибка", "日本語のテキスト");
        assertThat(tickets.findById(id).orElseThrow().title()).isEqualTo("Drucker 🖨 – ошибка");
    }

    @Test
    void findsNewestFirstByStatusTeamTextAndCursor() {
        long a = insert("VPN down in Lyon", "");
        long b = insert("Printer jam", "100% stuck_tray");
        long c = insert("vpn slow", "");
        updates.applyTriage(c, outcome("Network Team"), now);

        assertThat(ids(new TicketQuery(null, null, null, null, 10))).containsExactly(c, b, a);
        assertThat(ids(new TicketQuery(null, null, "VPN", null, 10))).containsExactly(c, a);
        assertThat(ids(new TicketQuery(null, null, "vpn", c, 10))).containsExactly(a);
        assertThat(ids(new TicketQuery(TicketStatus.ROUTED, null, null, null, 10))).containsExactly(c);
        assertThat(ids(new TicketQuery(null, "Network Team", null, null, 10))).containsExactly(c);
        assertThat(ids(new TicketQuery(null, null, "100%", null, 10))).containsExactly(b);
        assertThat(ids(new TicketQuery(null, null, "k_t", null, 10))).containsExactly(b);
        assertThat(ids(new TicketQuery(null, null, "0%s", null, 10))).isEmpty();
        assertThat(ids(new TicketQuery(null, null, null, null, 2))).containsExactly(c, b);
    }

    @Test
    void appliesTriageOnlyToAPendingTicket() {
        long id = insert("Laptop dead", "");

        assertThat(updates.applyTriage(id, outcome("Hardware Team"), now)).isTrue();
        assertThat(updates.applyTriage(id, outcome("Network Team"), now)).isFalse();

        Ticket ticket = tickets.findById(id).orElseThrow();
        assertThat(ticket.assignedTo()).isEqualTo("Hardware Team");
        assertThat(ticket.priority()).isEqualTo(Priority.HIGH);
        assertThat(ticket.confidence()).isEqualTo(0.93);
        assertThat(tickets.findExplanation(id)).contains("{\"k\":1}");
    }

    @Test
    void triageReplacesStatedValuesKeepingThemAsRequestedButNeverAnAgentsChoice() {
        long id = tickets.insert("Laptop dead", "", Priority.LOW, FieldSource.REQUESTER, Level.TIER_1,
                FieldSource.REQUESTER, null, now);
        updates.applyAgentChange(id, null, null, Level.TIER_3, now);

        updates.applyTriage(id, new TriageOutcome("Hardware Team", Priority.HIGH, Level.TIER_2, 0.93,
                "Hardware Team with confidence 0.93", null, List.of(), "the rule 'data loss'", "learned"), now);

        Ticket ticket = tickets.findById(id).orElseThrow();
        assertThat(ticket.priority()).as("the engine's, not the stated Low").isEqualTo(Priority.HIGH);
        assertThat(ticket.requestedPriority()).isEqualTo(Priority.LOW);
        assertThat(ticket.level()).as("the agent's").isEqualTo(Level.TIER_3);
        assertThat(ticket.requestedLevel()).isEqualTo(Level.TIER_1);
        assertThat(ticket.assignedTo()).isEqualTo("Hardware Team");
        assertThat(ticket.triageReason()).isEqualTo("Hardware Team with confidence 0.93; priority High, not the "
                + "stated Low: the rule 'data loss'");
    }

    @Test
    void leavesRequestedValuesEmptyWhenNoneWereStatedAndSaysNothingWhenTheEngineAgrees() {
        long unstated = insert("Odd noise", "");
        long agreed = tickets.insert("Laptop dead", "", Priority.HIGH, FieldSource.REQUESTER, Level.TIER_2,
                FieldSource.REQUESTER, null, now);

        updates.applyTriage(unstated, outcome("Hardware Team"), now);
        updates.applyTriage(agreed, new TriageOutcome("Hardware Team", Priority.HIGH, Level.TIER_2, 0.93,
                "Hardware Team with confidence 0.93", null, List.of(), "learned", "learned"), now);

        Ticket plain = tickets.findById(unstated).orElseThrow();
        assertThat(plain.requestedPriority()).isNull();
        assertThat(plain.requestedLevel()).isNull();
        assertThat(plain.triageReason()).doesNotContain("stated");
        assertThat(tickets.findById(agreed).orElseThrow().triageReason()).isEqualTo("Hardware Team with confidence 0.93");
    }

    @Test
    void anAgentsTeamRoutesAPendingTicketAndStands() {
        long id = insert("Odd noise", "");

        updates.applyAgentChange(id, "HR Team", null, null, now);

        assertThat(tickets.findById(id).orElseThrow().status()).isEqualTo(TicketStatus.ROUTED);
        assertThat(updates.applyTriage(id, outcome("Hardware Team"), now)).isFalse();
        assertThat(tickets.findById(id).orElseThrow().assignedTo()).isEqualTo("HR Team");
    }

    @Test
    void changesStatusOnlyFromTheExpectedOne() {
        long id = insert("Close me", "");
        updates.applyTriage(id, outcome("Software Team"), now);

        assertThat(updates.changeStatus(id, TicketStatus.ROUTED, TicketStatus.CLOSED, now)).isTrue();
        assertThat(tickets.findById(id).orElseThrow().closedAt()).isEqualTo(now);
        assertThat(updates.changeStatus(id, TicketStatus.ROUTED, TicketStatus.CLOSED, now)).isFalse();
        assertThat(updates.changeStatus(id, TicketStatus.CLOSED, TicketStatus.ROUTED, now)).isTrue();
        assertThat(tickets.findById(id).orElseThrow().closedAt()).isNull();
    }

    @Test
    void forgettingAnExampleRedactsOnlyTheExplanationsThatCiteIt() {
        long citing = insert("Citing", "");
        long other = insert("Other", "");
        updates.applyTriage(citing, new TriageOutcome("Hardware Team", Priority.MEDIUM, Level.TIER_1, 0.9, "because",
                "{\"nearest_examples\":[{\"example_id\":5,\"title\":\"Salary of J. Doe\",\"ticket_id\":9},"
                        + "{\"example_id\":6,\"title\":\"Printer jammed\"}]}"), now);
        updates.applyTriage(other, new TriageOutcome("Hardware Team", Priority.MEDIUM, Level.TIER_1, 0.9, "because",
                "{\"nearest_examples\":[{\"example_id\":55,\"title\":\"Laptop dead\"}]}"), now);

        assertThat(updates.redactCitations(5)).isEqualTo(1);

        String redacted = tickets.findExplanation(citing).orElseThrow();
        assertThat(redacted).contains(TicketUpdates.FORGOTTEN, "\"forgotten\":true", "Printer jammed")
                .doesNotContain("Salary", "ticket_id");
        assertThat(tickets.findExplanation(other).orElseThrow()).contains("Laptop dead").doesNotContain("forgotten");
        updates.redactCitations(5);
        assertThat(tickets.findExplanation(citing)).as("redacting again").contains(redacted);
    }

    @Test
    void deletesOnce() {
        long id = insert("Delete me", "");
        assertThat(tickets.delete(id)).isTrue();
        assertThat(tickets.delete(id)).isFalse();
        assertThat(tickets.findById(id)).isEmpty();
    }

    private long insert(String title, String description) {
        return tickets.insert(title, description, Priority.MEDIUM, FieldSource.DEFAULT, Level.TIER_1,
                FieldSource.DEFAULT, null, now);
    }

    private static TriageOutcome outcome(String team) {
        return new TriageOutcome(team, Priority.HIGH, Level.TIER_2, 0.93, "because", "{\"k\":1}");
    }

    private java.util.List<Long> ids(TicketQuery query) {
        return tickets.find(query).stream().map(Ticket::id).toList();
    }
}
