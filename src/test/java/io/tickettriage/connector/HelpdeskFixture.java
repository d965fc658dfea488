package io.tickettriage.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.tickettriage.support.Api;
import io.tickettriage.support.CommandProcess;
import io.tickettriage.system.TriageRole;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every connector IT shares around its fake helpdesk: the service on a random port with its own SQLite file and
 * knowledge folder, no rate limit and no background polling (a test polls when it means to), webhook calls, and the
 * looks at the product's tickets and the connector's rows that tests wait on.
 *
 * <p>A subclass names its connector, imports the configuration of its fake helpdesk (a bean that lives as long as the
 * context, its URL set as the connector's) and adds its own settings with {@code @TestPropertySource}, whose values
 * win over the ones here (a fixed database file, say; a dynamic property would come too late for
 * {@code DATABASE_URL}): it keeps only what is specific to its helpdesk and mode.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "triage.auth=none", "DATABASE_URL=sqlite:///target/it-${random.uuid}.db",
        "triage.knowledge.dir=target/knowledge-${random.uuid}", "triage.rate-limit-per-minute=0",
        "triage.connectors.polling=false"})
abstract class HelpdeskFixture {

    static final Duration WAIT = Duration.ofSeconds(60);
    /** The teams the product starts with, which the engine routes the tests' tickets to. */
    static final List<String> STARTER_TEAMS = List.of("Hardware Team", "Network Team", "Software Team",
            "Security Team", "HR Team");
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration COMMAND_LIMIT = Duration.ofSeconds(180);

    /** {@code zammad}, {@code glpi}: the channel, the settings group and the webhook path of the connector. */
    private final String connector;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ConnectorRegistry registry;

    @Autowired
    ConnectorIntake intake;

    @Autowired
    ConnectorStore store;

    @Autowired
    ConnectorHealth health;

    @Autowired
    ConnectorMetrics metrics;

    @Autowired
    ConnectorsProperties properties;

    @Autowired
    Clock clock;

    @Autowired
    MeterRegistry meters;

    Api api;

    HelpdeskFixture(String connector) {
        this.connector = connector;
    }

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    /** The connector as the service built it from the test's settings. */
    HelpdeskConnector connector() {
        return registry.find(connector).orElseThrow();
    }

    /** A poller as a worker process has it: each one is a process of its own, with its own lease holder name. */
    ConnectorPollers pollers() {
        return new ConnectorPollers(registry, intake, store, health, metrics, properties, clock, TriageRole.WORKER);
    }

    /** A call to {@code POST /connectors/<connector>/webhook} with a JSON body and these headers (the signature). */
    HttpResponse<String> webhook(String body, Map<String, String> headers) {
        var request = api.request("/connectors/" + connector + "/webhook").header("Content-Type", "application/json");
        headers.forEach(request::header);
        return api.raw(request.POST(BodyPublishers.ofString(body)));
    }

    /** The product ticket a webhook call took the helpdesk ticket in as; the call must have succeeded. */
    static long takenIn(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).get("ticket_id").asLong();
    }

    JsonNode ticket(long ticketId) {
        return api.get("/tickets/" + ticketId).json();
    }

    /** Waits until the engine routed the ticket, then checks its team unless {@code team} is null. */
    void awaitRouted(long ticketId, @Nullable String team) {
        await().atMost(WAIT).until(() -> ticket(ticketId).get("status").asString().equals("routed"));
        if (team != null) {
            assertThat(ticket(ticketId).get("assigned_to").asString()).isEqualTo(team);
        }
    }

    void awaitWriteBack(long externalId, String state) {
        await().atMost(WAIT).until(() -> state.equals(jdbc.sql("SELECT writeback_state FROM connector_tickets "
                + "WHERE connector = ? AND external_id = ?").param(connector).param(String.valueOf(externalId))
                .query(String.class).optional().orElse("")));
    }

    String writeBackAction(long externalId) {
        return column("writeback_action", externalId);
    }

    String writeBackError(long externalId) {
        return column("writeback_error", externalId);
    }

    private String column(String column, long externalId) {
        return jdbc.sql("SELECT " + column + " FROM connector_tickets WHERE connector = ? AND external_id = ?")
                .param(connector).param(String.valueOf(externalId)).query(String.class).single();
    }

    /** Waits until no write-back is running or waiting, so that a fault a test sets up meets that test's calls. */
    void drain() {
        await().atMost(WAIT).until(() -> jdbc.sql("SELECT COUNT(*) FROM connector_tickets WHERE connector = ? "
                + "AND kind = 'live' AND writeback_state IN ('none', 'pending')").param(connector).query(Long.class)
                .single() == 0);
    }

    long failedWriteBacks() {
        return jdbc.sql("SELECT COUNT(*) FROM connector_tickets WHERE connector = ? AND writeback_state = 'failed'")
                .param(connector).query(Long.class).single();
    }

    /** A connector's entry in {@code GET /insights/connectors?days=7}, or null when it is not listed. */
    @Nullable
    JsonNode figures(String name) {
        for (JsonNode entry : api.get("/insights/connectors?days=7").json().get("connectors")) {
            if (entry.get("connector").asString().equals(name)) {
                return entry;
            }
        }
        return null;
    }

    /**
     * A database file for a test whose commands, separate JVMs, must open the service's database: its name is fixed,
     * so it is removed first and each run starts from a fresh one.
     */
    static Path freshDatabase(String name) {
        Path database = Path.of("target", name).toAbsolutePath();
        try {
            for (String suffix : List.of("", "-wal", "-shm")) {
                Files.deleteIfExists(Path.of(database + suffix));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return database;
    }

    /**
     * One of the application's commands as a user runs it ({@code ./ticket-triage import ...}): its own JVM on
     * {@code database}, none of this connector's settings taken from the machine's environment but those given.
     */
    ProcessBuilder command(Path database, Map<String, String> environment, String... args) {
        ProcessBuilder builder = CommandProcess.command(args);
        builder.environment().put("DATABASE_URL", "sqlite:///" + database);
        builder.environment().put("TRIAGE_KNOWLEDGE_DIR", "target/knowledge-import-" + UUID.randomUUID());
        String settings = "TRIAGE_" + connector.toUpperCase(Locale.ROOT) + "_";
        builder.environment().keySet().removeIf(name -> name.startsWith(settings));
        builder.environment().putAll(environment);
        return builder;
    }

    /** Runs a command to its end, checks that it exited with {@code exitCode}, and returns what it printed. */
    static String run(ProcessBuilder command, int exitCode) throws IOException, InterruptedException {
        return CommandProcess.run(command, COMMAND_LIMIT, exitCode);
    }
}
