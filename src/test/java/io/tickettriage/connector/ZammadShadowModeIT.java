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

import io.tickettriage.connector.zammad.FakeZammad;
import io.tickettriage.connector.zammad.FakeZammadEndpoint;
import io.tickettriage.knowledge.KnowledgeBase;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * Zammad in shadow mode, the first weeks of a team: the history import as a user runs it (a separate JVM writing
 * into the service's database) and its re-run, the hold-out files {@code eval} scores, and live tickets whose
 * decisions are recorded, never written to Zammad, and compared with what the agents did.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestPropertySource(properties = {"DATABASE_URL=sqlite:///target/" + ZammadShadowModeIT.DATABASE_FILE,
        "triage.knowledge.poll-interval=200ms", "triage.zammad.token=" + ZammadShadowModeIT.TOKEN,
        "triage.zammad.webhook-secret=" + ZammadShadowModeIT.SECRET, "triage.zammad.per-page=5",
        "triage.zammad.poll-interval=1h"})
@Import(FakeZammadEndpoint.class)
class ZammadShadowModeIT extends HelpdeskFixture {

    static final String TOKEN = "shadow-token-0b7d1a";
    static final String SECRET = "shadow-hook-secret";
    /** The import's JVM must open the service's database, so its name is fixed; each run starts from a fresh one. */
    static final String DATABASE_FILE = "it-zammad-shadow.db";
    static final Path DATABASE = freshDatabase(DATABASE_FILE);
    /** Written by the import test, scored by the eval test. */
    private static Path holdout;

    @Autowired
    KnowledgeBase knowledge;

    @Autowired
    FakeZammad zammad;

    ZammadShadowModeIT() {
        super("zammad");
    }

    @Test
    @Order(1)
    void inShadowModeNothingIsWrittenToZammadAndTheInsightsCompareTheEngineWithTheAgents() {
        long clear = zammad.open("Laptop screen flickers after docking",
                "Since this morning my external monitor flickers whenever the laptop is docked.", "Users", "2 normal");
        long unclear = zammad.open("Question", "zxqv wbbl ptrk", "Users", "2 normal");
        long clearTicket = takenIn(webhook(clear));
        long unclearTicket = takenIn(webhook(unclear));
        awaitRouted(clearTicket, "Hardware Team");
        awaitRouted(unclearTicket, "Manual Review");
        assertThat(jdbc.sql("SELECT writeback_state FROM connector_tickets WHERE kind = 'live'").query(String.class)
                .list()).containsOnly("skipped");

        // the agents route them in Zammad and close them
        zammad.moveTo(clear, "Hardware Team");
        zammad.setState(clear, "closed");
        zammad.moveTo(unclear, "Network Team");
        zammad.setState(unclear, "closed");
        takenIn(webhook(clear));
        takenIn(webhook(unclear));

        assertThat(zammad.calls("PUT", "/api/v1/tickets")).isEmpty();
        assertThat(zammad.calls("POST", "/api/v1/ticket_articles")).isEmpty();
        assertThat(ticket(unclearTicket).get("assigned_to").asString()).isEqualTo("Network Team");
        JsonNode figures = figures("zammad");
        JsonNode glpi = figures("glpi");
        assertThat(figures).as("the zammad connector's figures").isNotNull();
        assertThat(figures.get("connector").asString()).isEqualTo("zammad");
        assertThat(figures.get("mode").asString()).isEqualTo("shadow");
        assertThat(figures.get("decided").asLong()).isEqualTo(2);
        assertThat(figures.get("would_auto_route").asLong()).isEqualTo(1);
        assertThat(figures.get("coverage").asDouble()).isEqualTo(0.5);
        assertThat(figures.get("closed").asLong()).isEqualTo(2);
        assertThat(figures.get("auto_route_precision").asDouble()).isEqualTo(1.0);
        assertThat(figures.get("helpdesk_first_group_right").asDouble()).isZero();
        assertThat(figures.get("moved_by_agents").asLong()).isEqualTo(2);
        // how many each share is measured on, and the connector's state, so that a dashboard can tell "not enough
        // data" and "off" from a figure
        assertThat(figures.get("closed_would_auto_route").asLong()).isEqualTo(1);
        assertThat(figures.get("enabled").asBoolean()).isTrue();
        assertThat(figures.get("state").asString()).isEqualTo("not polled");
        assertThat(figures.get("writebacks_waiting").asLong()).isZero();
        assertThat(figures.get("writebacks_failed").asLong()).isZero();
        assertThat(glpi).as("a connector that is not configured is listed as off").isNotNull();
        assertThat(glpi.get("enabled").asBoolean()).isFalse();
        assertThat(glpi.get("state").asString()).isEqualTo("off");
        assertThat(glpi.get("coverage").isNull()).isTrue();
        assertThat(api.get("/insights/connectors?days=0").status()).isEqualTo(422);
    }

    @Test
    @Order(2)
    void theImportTakesClosedTicketsPageByPageAndARerunTakesOnlyTheNewOnes() throws Exception {
        List<String> hardware = List.of("Laptop does not boot", "Laptop battery drains fast", "Docking station dead",
                "Laptop screen cracked", "Keyboard keys missing");
        List<String> network = List.of("VPN disconnects hourly", "Wi-Fi drops in room 4", "No network on floor 3",
                "DNS does not resolve intranet");
        List<String> facilities = List.of("Badge reader broken", "Heating off in office 12", "Door lock jammed");
        hardware.forEach(title -> zammad.closedTicket(title, title + " since Monday, please help.", "Hardware Team",
                "2 normal"));
        network.forEach(title -> zammad.closedTicket(title, title + " for the whole team.", "Network Team",
                "3 high"));
        facilities.forEach(title -> zammad.closedTicket(title, title + " at the east wing.", "Facilities",
                "1 low"));
        zammad.open("Still open, not history", "An open ticket is not imported.", "Users", "2 normal");
        zammad.clearCalls();
        holdout = Path.of("target", "zammad-holdout-" + UUID.randomUUID());

        String first = run(Map.of(), "import", "--zammad", zammad.url(), "--token", TOKEN, "--holdout",
                holdout.toString());

        // the two live tickets closed above are known already: their closes taught the engine
        assertThat(first).contains("page 1: 5 closed tickets, 3 new (2 imported before)")
                .contains("page 3: 4 closed tickets, 4 new").contains("imported 12 new examples from 14 closed tickets")
                .doesNotContain(TOKEN);
        assertThat(zammad.calls("GET", "/api/v1/ticket_articles/by_ticket/")).hasSize(12);
        assertThat(zammad.calls()).allSatisfy(call ->
                assertThat(call.header("Authorization")).isEqualTo("Token token=" + TOKEN));
        assertThat(jdbc.sql("SELECT team, COUNT(*) FROM examples WHERE source = 'zammad' GROUP BY team ORDER BY team")
                .query((rs, row) -> rs.getString(1) + "=" + rs.getLong(2)).list())
                .containsExactly("Facilities=3", "Hardware Team=5", "Network Team=4");
        assertThat(jdbc.sql("SELECT description FROM examples WHERE title = 'Badge reader broken'").query(String.class)
                .single()).isEqualTo("Badge reader broken at the east wing.");
        assertThat(jdbc.sql("SELECT priority FROM examples WHERE title = 'VPN disconnects hourly'")
                .query(String.class).single()).isEqualTo("High");
        await().atMost(WAIT).until(() -> knowledge.teams().contains("Facilities"));
        List<String> train = Files.readAllLines(holdout.resolve("zammad-history-train.csv"));
        List<String> test = Files.readAllLines(holdout.resolve("zammad-history-test.csv"));
        assertThat(train.size() - 1 + test.size() - 1).isEqualTo(12);
        assertThat(train.getFirst()).isEqualTo("title,description,team,priority");

        // a week later: one more closed ticket; the token from the environment; the starter teams dropped
        zammad.closedTicket("Projector in room 2 flickers", "The projector flickers.", "Facilities", "2 normal");
        zammad.clearCalls();
        String second = run(Map.of("TRIAGE_ZAMMAD_TOKEN", TOKEN), "import", "--zammad", zammad.url(),
                "--without-starter-teams");

        assertThat(second).contains("page 1: 5 closed tickets, 0 new (5 imported before)")
                .contains("page 3: 5 closed tickets, 1 new").contains("imported 1 new examples from 15 closed tickets");
        assertThat(zammad.calls("GET", "/api/v1/ticket_articles/by_ticket/")).hasSize(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM examples WHERE source = 'starter'").query(Long.class).single())
                .isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM connector_tickets WHERE kind = 'history'").query(Long.class)
                .single()).isEqualTo(13);
    }

    @Test
    @Order(3)
    void evalScoresTheHeldOutPartOfTheImportedHistory() throws Exception {
        assertThat(holdout).as("written by the import test").isNotNull();

        String report = run(Map.of(), "eval", "--train", holdout.resolve("zammad-history-train.csv").toString(),
                "--test", holdout.resolve("zammad-history-test.csv").toString(), "--text", "title,description",
                "--label", "team", "--min-label-examples", "2");

        assertThat(report).contains("accuracy").contains("coverage");
    }

    @Test
    @Order(4)
    void anImportWithAWrongTokenFailsClearlyWithoutPrintingIt() throws Exception {
        String output = run(command(Map.of(), "import", "--zammad", zammad.url(), "--token", "wrong-token-123"), 1);
        assertThat(output).contains("import failed on page 1").contains("401").contains("credentials")
                .doesNotContain("wrong-token-123");
    }

    @Test
    @Order(5)
    void anImportWithCredentialsInTheUrlIsRefusedSayingWhereTheTokenGoesWithoutPrintingIt() throws Exception {
        zammad.clearCalls();
        String url = zammad.url().replace("http://", "http://agent:S3cret-pw@");

        String output = run(command(Map.of(), "import", "--zammad", url, "--token", TOKEN), 1);

        assertThat(output).contains("import failed: TRIAGE_ZAMMAD_URL must not carry credentials")
                .contains("TRIAGE_ZAMMAD_TOKEN").contains("--token").doesNotContain("S3cret-pw").doesNotContain(TOKEN);
        assertThat(zammad.calls()).isEmpty();
    }

    /** The call Zammad's trigger makes for the ticket as it is now, signed. */
    private HttpResponse<String> webhook(long zammadId) {
        String payload = zammad.webhookPayload(zammadId);
        return webhook(payload, ZammadSignatures.signed(SECRET, payload));
    }

    private String run(Map<String, String> environment, String... args) throws Exception {
        return run(command(environment, args), 0);
    }

    private ProcessBuilder command(Map<String, String> environment, String... args) {
        Map<String, String> settings = new HashMap<>(environment);
        settings.put("TRIAGE_ZAMMAD_PER_PAGE", "5");
        return command(DATABASE, settings, args);
    }
}
