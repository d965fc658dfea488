package io.tickettriage.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.tickettriage.connector.zammad.FakeZammad;
import io.tickettriage.knowledge.KnowledgeBase;
import io.tickettriage.support.Api;
import io.tickettriage.support.CommandProcess;

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

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Zammad in shadow mode, the first weeks of a team: the history import as a user runs it (a separate JVM writing
 * into the service's database) and its re-run, the hold-out files {@code eval} scores, and live tickets whose
 * decisions are recorded, never written to Zammad, and compared with what the agents did.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "triage.auth=none", "DATABASE_URL=sqlite:///target/it-zammad-shadow.db",
        "triage.knowledge.dir=target/knowledge-${random.uuid}", "triage.rate-limit-per-minute=0",
        "triage.knowledge.poll-interval=200ms", "triage.zammad.token=" + ZammadShadowModeIT.TOKEN,
        "triage.zammad.webhook-secret=" + ZammadShadowModeIT.SECRET, "triage.zammad.per-page=5",
        "triage.zammad.poll-interval=1h", "triage.connectors.polling=false"})
class ZammadShadowModeIT {

    static final String TOKEN = "shadow-token-0b7d1a";
    static final String SECRET = "shadow-hook-secret";
    static final FakeZammad ZAMMAD = new FakeZammad(TOKEN);
    // The import's JVM must open the same file, so the name is fixed and each run starts from a fresh one.
    static final Path DATABASE = Path.of("target", "it-zammad-shadow.db").toAbsolutePath();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Written by the import test, scored by the eval test. */
    private static Path holdout;

    static {
        try {
            for (String suffix : List.of("", "-wal", "-shm")) {
                Files.deleteIfExists(Path.of(DATABASE + suffix));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void zammad(DynamicPropertyRegistry registry) {
        registry.add("triage.zammad.url", ZAMMAD::url);
    }

    @AfterAll
    static void stopZammad() {
        ZAMMAD.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KnowledgeBase knowledge;

    @Test
    @Order(1)
    void inShadowModeNothingIsWrittenToZammadAndTheInsightsCompareTheEngineWithTheAgents() {
        Api api = new Api(port);
        long clear = ZAMMAD.open("Laptop screen flickers after docking",
                "Since this morning my external monitor flickers whenever the laptop is docked.", "Users", "2 normal");
        long unclear = ZAMMAD.open("Question", "zxqv wbbl ptrk", "Users", "2 normal");
        long clearTicket = takenIn(api, clear);
        long unclearTicket = takenIn(api, unclear);
        for (long id : List.of(clearTicket, unclearTicket)) {
            await().atMost(WAIT).until(() -> api.get("/tickets/" + id).json().get("status").asString()
                    .equals("routed"));
        }
        assertThat(api.get("/tickets/" + clearTicket).json().get("assigned_to").asString()).isEqualTo("Hardware Team");
        assertThat(api.get("/tickets/" + unclearTicket).json().get("assigned_to").asString())
                .isEqualTo("Manual Review");
        assertThat(jdbc.sql("SELECT writeback_state FROM connector_tickets WHERE kind = 'live'").query(String.class)
                .list()).containsOnly("skipped");

        // the agents route them in Zammad and close them
        ZAMMAD.moveTo(clear, "Hardware Team");
        ZAMMAD.setState(clear, "closed");
        ZAMMAD.moveTo(unclear, "Network Team");
        ZAMMAD.setState(unclear, "closed");
        takenIn(api, clear);
        takenIn(api, unclear);

        assertThat(ZAMMAD.calls("PUT", "/api/v1/tickets")).isEmpty();
        assertThat(ZAMMAD.calls("POST", "/api/v1/ticket_articles")).isEmpty();
        assertThat(api.get("/tickets/" + unclearTicket).json().get("assigned_to").asString()).isEqualTo("Network Team");
        JsonNode figures = null;
        JsonNode glpi = null;
        for (JsonNode connector : api.get("/insights/connectors?days=7").json().get("connectors")) {
            if (connector.get("connector").asString().equals("zammad")) {
                figures = connector;
            } else if (connector.get("connector").asString().equals("glpi")) {
                glpi = connector;
            }
        }
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
        assertThat(figures.get("state").asString()).isEqualTo("not polled here");
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
        hardware.forEach(title -> ZAMMAD.closedTicket(title, title + " since Monday, please help.", "Hardware Team",
                "2 normal"));
        network.forEach(title -> ZAMMAD.closedTicket(title, title + " for the whole team.", "Network Team",
                "3 high"));
        facilities.forEach(title -> ZAMMAD.closedTicket(title, title + " at the east wing.", "Facilities",
                "1 low"));
        ZAMMAD.open("Still open, not history", "An open ticket is not imported.", "Users", "2 normal");
        ZAMMAD.clearCalls();
        holdout = Path.of("target", "zammad-holdout-" + UUID.randomUUID());

        String first = run(Map.of(), "import", "--zammad", ZAMMAD.url(), "--token", TOKEN, "--holdout",
                holdout.toString());

        // the two live tickets closed above are known already: their closes taught the engine
        assertThat(first).contains("page 1: 5 closed tickets, 3 new (2 imported before)")
                .contains("page 3: 4 closed tickets, 4 new").contains("imported 12 new examples from 14 closed tickets")
                .doesNotContain(TOKEN);
        assertThat(ZAMMAD.calls("GET", "/api/v1/ticket_articles/by_ticket/")).hasSize(12);
        assertThat(ZAMMAD.calls()).allSatisfy(call ->
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
        ZAMMAD.closedTicket("Projector in room 2 flickers", "The projector flickers.", "Facilities", "2 normal");
        ZAMMAD.clearCalls();
        String second = run(Map.of("TRIAGE_ZAMMAD_TOKEN", TOKEN), "import", "--zammad", ZAMMAD.url(),
                "--without-starter-teams");

        assertThat(second).contains("page 1: 5 closed tickets, 0 new (5 imported before)")
                .contains("page 3: 5 closed tickets, 1 new").contains("imported 1 new examples from 15 closed tickets");
        assertThat(ZAMMAD.calls("GET", "/api/v1/ticket_articles/by_ticket/")).hasSize(1);
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
        Process process = command(Map.of(), "import", "--zammad", ZAMMAD.url(), "--token", "wrong-token-123").start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(output).contains("import failed on page 1").contains("401").contains("credentials")
                .doesNotContain("wrong-token-123");
    }

    private long takenIn(Api api, long zammadId) {
        String payload = ZAMMAD.webhookPayload(zammadId);
        HttpResponse<String> answer = api.raw(api.request("/connectors/zammad/webhook")
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature", "sha1=" + ZammadSignatures.sign(SECRET, payload))
                .POST(BodyPublishers.ofString(payload)));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).get("ticket_id").asLong();
    }

    private static String run(Map<String, String> environment, String... args) throws Exception {
        return CommandProcess.run(command(environment, args), Duration.ofSeconds(180));
    }

    private static ProcessBuilder command(Map<String, String> environment, String... args) {
        ProcessBuilder builder = CommandProcess.command(args);
        builder.environment().put("DATABASE_URL", "sqlite:///" + DATABASE);
        builder.environment().put("TRIAGE_KNOWLEDGE_DIR", "target/knowledge-import-" + UUID.randomUUID());
        builder.environment().remove("TRIAGE_ZAMMAD_TOKEN");
        builder.environment().put("TRIAGE_ZAMMAD_PER_PAGE", "5");
        builder.environment().putAll(environment);
        return builder;
    }
}
