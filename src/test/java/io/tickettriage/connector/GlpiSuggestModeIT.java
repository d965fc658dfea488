package io.tickettriage.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.tickettriage.knowledge.KnowledgeBase;
import io.tickettriage.support.Api;
import io.tickettriage.support.FakeGlpi;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.json.JsonMapper;

/**
 * GLPI in suggest mode after its history was imported: the import reads solved and closed tickets page by page as
 * examples of their groups and a re-run reads only new ones; a new GLPI ticket then gets a private follow-up with
 * the team, priority, confidence, reason and links to the nearest past GLPI tickets, and nothing else changes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "triage.auth=none", "DATABASE_URL=sqlite:///target/it-${random.uuid}.db",
        "triage.knowledge.dir=target/knowledge-${random.uuid}", "triage.rate-limit-per-minute=0",
        "triage.knowledge.poll-interval=200ms", "triage.glpi.app-token=" + FakeGlpi.APP_TOKEN,
        "triage.glpi.user-token=" + FakeGlpi.USER_TOKEN, "triage.glpi.webhook-secret=" + GlpiSuggestModeIT.SECRET,
        "triage.glpi.mode=suggest", "triage.glpi.page-size=5", "triage.glpi.poll-interval=1h",
        "triage.connectors.polling=false"})
class GlpiSuggestModeIT {

    static final String SECRET = "suggest-hook-secret-91";
    static final FakeGlpi GLPI = FakeGlpi.start();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void glpi(DynamicPropertyRegistry registry) {
        registry.add("triage.glpi.url", GLPI::url);
    }

    @AfterAll
    static void stopGlpi() {
        GLPI.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    HistoryImport history;

    @Autowired
    KnowledgeBase knowledge;

    @Test
    @Order(1)
    void theImportTakesSolvedAndClosedTicketsAsExamplesOfTheirGroupAndARerunOnlyNewOnes() throws Exception {
        List<String> printers = List.of("Printer on floor 3 jams", "Printer prints blank pages",
                "Printer toner empty on floor 2", "Label printer offline", "Plotter paper jam");
        List<String> phones = List.of("Desk phone has no dial tone", "Softphone headset not detected",
                "Voicemail PIN reset", "Conference phone echo");
        printers.forEach(title -> GLPI.pastTicket(title, title + " since Monday, please help.",
                "Support > Printing", 2, FakeGlpi.STATUS_CLOSED));
        GLPI.openTicket("Still open, not history", "An open ticket is not imported.");
        phones.forEach(title -> GLPI.pastTicket(title, title + " for the whole team.", "Support > Telephony", 4,
                FakeGlpi.STATUS_SOLVED));
        GLPI.clearCalls();

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
        assertThat(GLPI.calls("GET /Ticket/")).filteredOn(call -> call.path().endsWith("/Group_Ticket")).hasSize(9);
        assertThat(GLPI.calls()).allSatisfy(call -> assertThat(call.header("App-Token"))
                .isEqualTo(FakeGlpi.APP_TOKEN));

        // a week later: one more solved ticket; only it is read in full
        GLPI.pastTicket("Printer jams on tray 2", "The printer jams on tray 2.", "Support > Printing", 3,
                FakeGlpi.STATUS_SOLVED);
        GLPI.clearCalls();
        String second = run();

        assertThat(second).contains("page 1: 5 closed tickets, 0 new (5 imported before)")
                .contains("imported 1 new examples from 10 closed tickets");
        assertThat(GLPI.calls("GET /Ticket/")).filteredOn(call -> call.path().endsWith("/Group_Ticket")).hasSize(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM connector_tickets WHERE connector = 'glpi' AND kind = 'history'")
                .query(Long.class).single()).isEqualTo(10);
        await().atMost(WAIT).until(() -> knowledge.teams().contains("Support > Telephony"));
    }

    @Test
    @Order(2)
    void aNewTicketGetsAPrivateFollowupWithTheSuggestionAndLinksToSimilarGlpiTickets() {
        int glpiId = GLPI.openTicket("Printer on floor 4 jams", "The printer on floor 4 jams on every page.");
        FakeGlpi.Delivery delivery = GLPI.webhook("new", glpiId, SECRET, 1_767_600_000L);
        GLPI.clearCalls();
        Api api = new Api(port);

        HttpResponse<String> answer = api.raw(api.request("/connectors/glpi/webhook")
                .header("Content-Type", "application/json").header("X-GLPI-signature", delivery.signature())
                .header("X-GLPI-timestamp", delivery.timestamp()).POST(BodyPublishers.ofString(delivery.body())));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        long ticketId = JSON.readTree(answer.body()).get("ticket_id").asLong();

        await().atMost(WAIT).until(() -> "done".equals(jdbc.sql("SELECT writeback_state FROM connector_tickets "
                + "WHERE connector = 'glpi' AND external_id = ?").param(String.valueOf(glpiId)).query(String.class)
                .optional().orElse("")));
        String team = api.get("/tickets/" + ticketId).json().get("assigned_to").asString();
        List<String> followups = GLPI.followups(glpiId);
        assertThat(followups).singleElement().asString().startsWith("[private] Ticket Triage suggests group")
                .contains("Support &amp;gt; Printing").contains("priority").contains("confidence")
                .contains("Similar past tickets").contains(GLPI.url() + "/front/ticket.form.php?id=");
        assertThat(team).isIn("Support > Printing", "Manual Review");
        assertThat(GLPI.assignedGroups(glpiId)).isEmpty();
        assertThat(GLPI.calls("PUT /Ticket")).isEmpty();
        assertThat(GLPI.calls("POST /Group_Ticket")).isEmpty();
    }

    private String run() throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = history.run("glpi", null, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String output = bytes.toString(StandardCharsets.UTF_8);
        assertThat(code).as(output).isZero();
        return output;
    }
}
