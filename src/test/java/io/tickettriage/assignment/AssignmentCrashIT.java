package io.tickettriage.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.tickettriage.support.Api;
import io.tickettriage.support.AppProcess;
import io.tickettriage.system.DatabaseUrl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import tools.jackson.databind.json.JsonMapper;

/**
 * Kills the application's JVM with SIGKILL while its workers are routing and assigning a burst of tickets, and
 * proves that after a restart on the same database every routed ticket is assigned exactly once: none left waiting
 * in its team's queue, none given twice (each assignment is counted by the webhook delivery its transaction
 * records), no agent past their maximum.
 */
class AssignmentCrashIT {

    private static final int TICKETS = 200;
    private static final int MAX_OPEN = 80;
    private static final List<String> AGENTS = List.of("ann", "bob", "cid");
    private static final String[] TEXTS = {
        "Laptop screen flickers after docking|External monitor goes black on the dock",
        "VPN drops every few minutes|Connection to the office network keeps failing from home",
        "Clicked a suspicious link in an email|It asked for my password and I typed it",
        "Excel crashes when opening a large file|The spreadsheet application closes without an error",
        "Keyboard keys stuck on my desktop|Several keys no longer type anything",
    };

    @TempDir
    Path dir;

    @Test
    void everyRoutedTicketIsAssignedExactlyOnceAfterTheJvmIsKilledMidAssignment() {
        Map<String, String> env = new HashMap<>(Map.of("TRIAGE_AUTH", "none",
                "DATABASE_URL", "sqlite:///" + dir.resolve("tickets.db"),
                "TRIAGE_KNOWLEDGE_DIR", dir.resolve("knowledge").toString(), "TRIAGE_RATE_LIMIT_PER_MINUTE", "0",
                "TRIAGE_WEBHOOKS_ALLOW_PRIVATE", "true", "ORT_DISABLE_TELEMETRY", "1"));

        // Agents in every team, and a burst of tickets committed with their jobs but not yet classified.
        try (AppProcess app = AppProcess.start(dir.resolve("first"), withWorkers(env, 0))) {
            Api api = app.api();
            await().atMost(Duration.ofSeconds(120)).until(() -> api.get("/teams").json().size() >= 3);
            List<String> teams = api.get("/teams").json().valueStream()
                    .map(team -> team.isString() ? team.asString() : team.path("name").asString())
                    .filter(team -> !team.equals("Manual Review")).toList();
            assertThat(teams).hasSizeGreaterThanOrEqualTo(3);
            for (String agent : AGENTS) {
                Api.Reply put = api.send("/agents/" + agent, "PUT", "application/json",
                        java.net.http.HttpRequest.BodyPublishers.ofString(Api.json(Map.of("teams", teams,
                                "max_open_tickets", MAX_OPEN))));
                assertThat(put.status()).as(put.body()).isEqualTo(201);
            }
            // every assignment records one delivery in its own transaction: the count of assignments made
            Api.Reply hook = api.post("/webhooks", Api.json(Map.of("url", "http://127.0.0.1:9/assigned",
                    "events", List.of("ticket_assigned"))));
            assertThat(hook.status()).as(hook.body()).isEqualTo(201);
            for (int i = 0; i < TICKETS; i++) {
                String[] text = TEXTS[i % TEXTS.length].split("\\|");
                Api.Reply created = api.post("/tickets", Api.json(Map.of("title", text[0] + " (" + i + ")",
                        "description", text[1] + ", reported by user " + i)));
                assertThat(created.status()).as(created.body()).isEqualTo(201);
            }
            app.kill();
        }

        // Workers route and assign the burst; the JVM dies part-way.
        try (AppProcess app = AppProcess.start(dir.resolve("second"), withWorkers(env, 2))) {
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(5))
                    .until(() -> count("SELECT COUNT(*) FROM tickets WHERE assignee IS NOT NULL") >= 20);
            app.kill();
        }
        long assignedAtKill = count("SELECT COUNT(*) FROM tickets WHERE assignee IS NOT NULL");
        assertThat(assignedAtKill).as("killed while assignments were in flight").isLessThan(TICKETS);
        assertThat(count("SELECT COUNT(*) FROM tickets WHERE status = 'pending'")).isPositive();

        try (AppProcess app = AppProcess.start(dir.resolve("third"), withWorkers(env, 2))) {
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250))
                    .until(() -> count("SELECT COUNT(*) FROM tickets WHERE status = 'pending'") == 0
                            && count(WAITING) == 0);
            assertThat(app.log()).doesNotContain("assigning it failed");
        }

        long routedToTeams = count("SELECT COUNT(*) FROM tickets WHERE status = 'routed' AND assigned_to <> ''"
                + " AND assigned_to <> 'Manual Review'");
        assertThat(routedToTeams).as("most of the burst is routed to a team").isGreaterThan(TICKETS / 2);
        assertThat(count(WAITING)).as("none left waiting in a queue").isZero();
        assertThat(count("SELECT COUNT(*) FROM tickets WHERE assignee IS NOT NULL")).isEqualTo(routedToTeams);

        Map<Long, String> finalAssignee = new HashMap<>();
        jdbc().sql("SELECT id, assignee FROM tickets WHERE assignee IS NOT NULL")
                .query(rs -> {
                    finalAssignee.put(rs.getLong("id"), rs.getString("assignee"));
                });
        List<Map.Entry<Long, String>> assignments = new ArrayList<>();
        JsonMapper json = JsonMapper.builder().build();
        jdbc().sql("SELECT payload FROM webhook_deliveries WHERE event = 'ticket_assigned'").query(rs -> {
            var ticket = json.readTree(rs.getString("payload"));
            assignments.add(Map.entry(ticket.path("id").asLong(), ticket.path("assignee").asString()));
        });
        Map<Long, Long> perTicket = assignments.stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.counting()));
        assertThat(perTicket).as("one assignment per assigned ticket").hasSize(finalAssignee.size())
                .allSatisfy((id, times) -> assertThat(times).as("assignments of ticket " + id).isEqualTo(1));
        assertThat(assignments).allSatisfy(assignment -> assertThat(finalAssignee.get(assignment.getKey()))
                .as("ticket " + assignment.getKey() + " kept the agent it was given").isEqualTo(assignment.getValue()));
        Map<String, Long> loads = finalAssignee.values().stream()
                .collect(Collectors.groupingBy(agent -> agent, Collectors.counting()));
        assertThat(loads).containsOnlyKeys(AGENTS)
                .allSatisfy((agent, open) -> assertThat(open).isLessThanOrEqualTo(MAX_OPEN));
    }

    private static final String WAITING = "SELECT COUNT(*) FROM tickets WHERE status = 'routed' AND assignee IS NULL"
            + " AND assigned_to <> '' AND assigned_to <> 'Manual Review'";

    private long count(String sql) {
        return jdbc().sql(sql).query(Long.class).single();
    }

    private JdbcClient jdbc() {
        try {
            String url = DatabaseUrl.parse("sqlite:///" + dir.resolve("tickets.db")).jdbcUrl();
            return JdbcClient.create(new SingleConnectionDataSource(DriverManager.getConnection(url), true));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> withWorkers(Map<String, String> env, int workers) {
        Map<String, String> copy = new HashMap<>(env);
        copy.put("TRIAGE_JOBS_WORKERS", String.valueOf(workers));
        return copy;
    }
}
