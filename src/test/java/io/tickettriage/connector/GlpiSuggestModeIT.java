package io.tickettriage.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.tickettriage.knowledge.KnowledgeBase;
import io.tickettriage.support.FakeGlpi;
import io.tickettriage.support.FakeGlpiEndpoint;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * GLPI in suggest mode after its history was imported: the import reads solved and closed tickets page by page as
 * examples of their groups and a re-run reads only new ones; a new GLPI ticket then gets a private follow-up with
 * the team, priority, confidence, reason and links to the nearest past GLPI tickets, and nothing else changes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestPropertySource(properties = {"triage.knowledge.poll-interval=200ms", "triage.glpi.app-token=" + FakeGlpi.APP_TOKEN,
        "triage.glpi.user-token=" + FakeGlpi.USER_TOKEN, "triage.glpi.webhook-secret=" + GlpiSuggestModeIT.SECRET,
        "triage.glpi.mode=suggest", "triage.glpi.page-size=5", "triage.glpi.poll-interval=1h"})
@Import(FakeGlpiEndpoint.class)
class GlpiSuggestModeIT extends HelpdeskFixture {

    static final String SECRET = "suggest-hook-secret-91";

    @Autowired
    HistoryImport history;

    @Autowired
    KnowledgeBase knowledge;

    @Autowired
    FakeGlpi glpi;

    GlpiSuggestModeIT() {
        super("glpi");
    }

    @Test
    @Order(1)
    void theImportTakesSolvedAndClosedTicketsAsExamplesOfTheirGroupAndARerunOnlyNewOnes() throws Exception {
        List<String> printers = List.of("Printer on floor 3 jams", "Printer prints blank pages",
                "Printer toner empty on floor 2", "Label printer offline", "Plotter paper jam");
        List<String> phones = List.of("Desk phone has no dial tone", "Softphone headset not detected",
                "Voicemail PIN reset", "Conference phone echo");
        printers.forEach(title -> glpi.pastTicket(title, title + " since Monday, please help.",
                "Support > Printing", 2, FakeGlpi.STATUS_CLOSED));
        glpi.openTicket("Still open, not history", "An open ticket is not imported.");
        phones.forEach(title -> glpi.pastTicket(title, title + " for the whole team.", "Support > Telephony", 4,
                FakeGlpi.STATUS_SOLVED));
        glpi.clearCalls();

        String first = run();

        assertThat(first).contains("page 1: 5 closed tickets, 5 new").contains("page 2: 4 closed tickets, 4 new")
                .contains("imported 9 new examples from 9 closed tickets");
        assertThat(jdbc.sql("SELECT team, COUNT(*) FROM examples WHERE source = 'glpi' GROUP BY team ORDER BY team")
                .query((rs, row) -> rs.getString(1) + "=" + rs.getLong(2)).list())
                .containsExactly("Support > Printing=5", "Support > Telephony=4");
        assertThat(jdbc.sql("SELECT description FROM examples WHERE title = 'Voicemail PIN reset'").query(String.class)
                .single()).isEqualTo("Voicemail PIN reset for the whole team.");
        assertThat(jdbc.sql("SELECT priority FROM examples WHERE title = 'Conference phone echo'")
                .query(String.class).single()).isEqualTo("High");
        assertThat(glpi.calls("GET /Ticket/")).filteredOn(call -> call.path().endsWith("/Group_Ticket")).hasSize(9);
        assertThat(glpi.calls()).allSatisfy(call -> assertThat(call.header("App-Token"))
                .isEqualTo(FakeGlpi.APP_TOKEN));

        // a week later: one more solved ticket; only it is read in full
        glpi.pastTicket("Printer jams on tray 2", "The printer jams on tray 2.", "Support > Printing", 3,
                FakeGlpi.STATUS_SOLVED);
        glpi.clearCalls();
        String second = run();

        assertThat(second).contains("page 1: 5 closed tickets, 0 new (5 imported before)")
                .contains("imported 1 new examples from 10 closed tickets");
        assertThat(glpi.calls("GET /Ticket/")).filteredOn(call -> call.path().endsWith("/Group_Ticket")).hasSize(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM connector_tickets WHERE connector = 'glpi' AND kind = 'history'")
                .query(Long.class).single()).isEqualTo(10);
        await().atMost(WAIT).until(() -> knowledge.teams().contains("Support > Telephony"));
    }

    @Test
    @Order(2)
    void aNewTicketGetsAPrivateFollowupWithTheSuggestionAndLinksToSimilarGlpiTickets() {
        int glpiId = glpi.openTicket("Printer on floor 4 jams", "The printer on floor 4 jams on every page.");
        FakeGlpi.Delivery delivery = glpi.webhook("new", glpiId, SECRET, 1_767_600_000L);
        glpi.clearCalls();

        long ticketId = takenIn(webhook(delivery.body(), delivery.headers()));

        awaitWriteBack(glpiId, "done");
        String team = ticket(ticketId).get("assigned_to").asString();
        List<String> followups = glpi.followups(glpiId);
        assertThat(followups).singleElement().asString().startsWith("[private] Ticket Triage suggests group")
                .contains("Support &amp;gt; Printing").contains("priority").contains("confidence")
                .contains("Similar past tickets").contains(glpi.url() + "/front/ticket.form.php?id=");
        assertThat(team).isIn("Support > Printing", "Manual Review");
        assertThat(glpi.assignedGroups(glpiId)).isEmpty();
        assertThat(glpi.calls("PUT /Ticket")).isEmpty();
        assertThat(glpi.calls("POST /Group_Ticket")).isEmpty();
    }

    private String run() throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = history.run("glpi", null, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String output = bytes.toString(StandardCharsets.UTF_8);
        assertThat(code).as(output).isZero();
        return output;
    }
}
