package io.tickettriage.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tickettriage.support.FakeGlpi;
import io.tickettriage.support.FakeGlpiEndpoint;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * GLPI in shadow mode, the first weeks of a team: decisions are recorded and compared with what the agents did in
 * GLPI, nothing is ever written to GLPI; and the history import as a user runs it ({@code ./ticket-triage import
 * --glpi URL}, a separate JVM writing into the service's database), its re-run, and a wrong token.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestPropertySource(properties = {"DATABASE_URL=sqlite:///target/" + GlpiShadowModeIT.DATABASE_FILE,
        "triage.knowledge.poll-interval=200ms", "triage.glpi.app-token=" + FakeGlpi.APP_TOKEN,
        "triage.glpi.user-token=" + FakeGlpi.USER_TOKEN, "triage.glpi.webhook-secret=" + GlpiShadowModeIT.SECRET,
        "triage.glpi.page-size=5", "triage.glpi.poll-interval=1h"})
@Import(FakeGlpiEndpoint.class)
class GlpiShadowModeIT extends HelpdeskFixture {

    static final String SECRET = "shadow-glpi-secret";
    /** The import's JVM must open the service's database, so its name is fixed; each run starts from a fresh one. */
    static final String DATABASE_FILE = "it-glpi-shadow.db";
    static final Path DATABASE = freshDatabase(DATABASE_FILE);

    @Autowired
    FakeGlpi glpi;

    /** GLPI has groups named as the product's starter teams, which auto mode assigns and agents move tickets to. */
    @BeforeEach
    void groups() {
        STARTER_TEAMS.forEach(glpi::group);
    }

    GlpiShadowModeIT() {
        super("glpi");
    }

    @Test
    @Order(1)
    void inShadowModeNothingIsWrittenToGlpiAndTheInsightsCompareTheEngineWithTheAgents() {
        int clear = glpi.openTicket("Laptop screen flickers after docking",
                "Since this morning my external monitor flickers whenever the laptop is docked.");
        int unclear = glpi.openTicket("Question", "zxqv wbbl ptrk");
        long clearTicket = takenIn(webhook(glpi.webhook("new", clear, SECRET, 1_767_600_000L)));
        long unclearTicket = takenIn(webhook(glpi.webhook("new", unclear, SECRET, 1_767_600_000L)));
        awaitRouted(clearTicket, "Hardware Team");
        awaitRouted(unclearTicket, "Manual Review");
        await().atMost(WAIT).until(() -> jdbc.sql("SELECT writeback_state FROM connector_tickets WHERE kind = 'live'")
                .query(String.class).list().equals(List.of("skipped", "skipped")));

        // the agents assign them in GLPI and solve them
        glpi.assign(clear, "Hardware Team");
        glpi.solve(clear);
        glpi.assign(unclear, "Network Team");
        glpi.close(unclear);
        takenIn(webhook(glpi.webhook("update", clear, SECRET, 1_767_600_100L)));
        takenIn(webhook(glpi.webhook("update", unclear, SECRET, 1_767_600_100L)));

        assertThat(glpi.calls()).noneMatch(call -> List.of("POST", "PUT", "DELETE").contains(call.method()));
        assertThat(ticket(unclearTicket).get("assigned_to").asString()).isEqualTo("Network Team");
        assertThat(ticket(clearTicket).get("status").asString()).isEqualTo("closed");
        JsonNode figures = figures("glpi");
        assertThat(figures).isNotNull();
        assertThat(figures.get("mode").asString()).isEqualTo("shadow");
        assertThat(figures.get("decided").asLong()).isEqualTo(2);
        assertThat(figures.get("would_auto_route").asLong()).isEqualTo(1);
        assertThat(figures.get("closed").asLong()).isEqualTo(2);
        assertThat(figures.get("auto_route_precision").asDouble()).isEqualTo(1.0);
        assertThat(figures.get("closed_would_auto_route").asLong()).isEqualTo(1);
        assertThat(figures.get("enabled").asBoolean()).isTrue();
    }

    @Test
    @Order(2)
    void theImportCommandTakesSolvedAndClosedTicketsPageByPageAndARerunTakesOnlyTheNewOnes() throws Exception {
        List<String> hardware = List.of("Laptop does not boot", "Laptop battery drains fast", "Docking station dead",
                "Laptop screen cracked", "Keyboard keys missing");
        List<String> network = List.of("VPN disconnects hourly", "Wi-Fi drops in room 4", "No network on floor 3");
        hardware.forEach(title -> glpi.pastTicket(title, title + " since Monday, please help.", "Hardware Team", 3,
                FakeGlpi.STATUS_CLOSED));
        network.forEach(title -> glpi.pastTicket(title, title + " for the whole team.", "Network Team", 4,
                FakeGlpi.STATUS_SOLVED));
        glpi.openTicket("Still open, not history", "An open ticket is not imported.");
        glpi.clearCalls();
        Path holdout = Path.of("target", "glpi-holdout-" + UUID.randomUUID());

        String first = run(Map.of(), "import", "--glpi", glpi.url(), "--app-token", FakeGlpi.APP_TOKEN,
                "--user-token", FakeGlpi.USER_TOKEN, "--holdout", holdout.toString());

        // the two live tickets solved and closed above are known already: their closes taught the engine
        assertThat(first).contains("page 1: 5 closed tickets, 3 new (2 imported before)")
                .contains("imported 8 new examples from 10 closed tickets")
                .doesNotContain(FakeGlpi.USER_TOKEN).doesNotContain(FakeGlpi.APP_TOKEN);
        assertThat(jdbc.sql("SELECT team, COUNT(*) FROM examples WHERE source = 'glpi' GROUP BY team ORDER BY team")
                .query((rs, row) -> rs.getString(1) + "=" + rs.getLong(2)).list())
                .containsExactly("Hardware Team=5", "Network Team=3");
        assertThat(glpi.calls("GET /killSession")).hasSize(1);
        // the imported history, split for eval: four fifths to train on, one fifth to score
        List<String> train = Files.readAllLines(holdout.resolve("glpi-history-train.csv"));
        List<String> test = Files.readAllLines(holdout.resolve("glpi-history-test.csv"));
        assertThat(train.getFirst()).isEqualTo("title,description,team,priority");
        assertThat(train.size() - 1 + test.size() - 1).isEqualTo(8);

        // a week later: one more solved ticket; the tokens from the environment
        glpi.pastTicket("Wi-Fi slow in the canteen", "The Wi-Fi is slow in the canteen.", "Network Team", 3,
                FakeGlpi.STATUS_SOLVED);
        glpi.clearCalls();
        String second = run(Map.of("TRIAGE_GLPI_APP_TOKEN", FakeGlpi.APP_TOKEN, "TRIAGE_GLPI_USER_TOKEN",
                FakeGlpi.USER_TOKEN), "import", "--glpi", glpi.url());

        assertThat(second).contains("imported 1 new examples from 11 closed tickets");
        assertThat(glpi.calls("GET /Ticket/")).filteredOn(call -> call.path().endsWith("/Group_Ticket")).hasSize(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM connector_tickets WHERE connector = 'glpi' AND kind = 'history'")
                .query(Long.class).single()).isEqualTo(9);
    }

    @Test
    @Order(3)
    void anImportWithAWrongTokenFailsClearlyWithoutPrintingIt() throws Exception {
        String output = run(command(Map.of(), "import", "--glpi", glpi.url(), "--app-token", FakeGlpi.APP_TOKEN,
                "--user-token", "wrong-user-token-123"), 1);
        assertThat(output).contains("import failed on page 1").contains("ERROR_GLPI_LOGIN_USER_TOKEN")
                .contains("TRIAGE_GLPI_USER_TOKEN").doesNotContain("wrong-user-token-123")
                .doesNotContain(FakeGlpi.APP_TOKEN);
    }

    @Test
    @Order(4)
    void anImportWithCredentialsInTheUrlIsRefusedSayingWhereTheTokensGoWithoutPrintingThem() throws Exception {
        glpi.clearCalls();
        String url = glpi.url().replace("http://", "http://glpi-api:S3cret-pw@");

        String output = run(command(Map.of(), "import", "--glpi", url, "--app-token", FakeGlpi.APP_TOKEN,
                "--user-token", FakeGlpi.USER_TOKEN), 1);

        assertThat(output).contains("import failed: TRIAGE_GLPI_URL must not carry credentials")
                .contains("TRIAGE_GLPI_USER_TOKEN").contains("--user-token").doesNotContain("S3cret-pw")
                .doesNotContain(FakeGlpi.USER_TOKEN).doesNotContain(FakeGlpi.APP_TOKEN);
        assertThat(glpi.calls()).isEmpty();
    }

    private HttpResponse<String> webhook(FakeGlpi.Delivery delivery) {
        return webhook(delivery.body(), delivery.headers());
    }

    private String run(Map<String, String> environment, String... args) throws Exception {
        return run(command(environment, args), 0);
    }

    private ProcessBuilder command(Map<String, String> environment, String... args) {
        Map<String, String> settings = new HashMap<>(environment);
        settings.put("TRIAGE_GLPI_PAGE_SIZE", "5");
        return command(DATABASE, settings, args);
    }
}
