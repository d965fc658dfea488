package io.tickettriage.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tickettriage.support.Api;
import io.tickettriage.support.AppProcess;
import io.tickettriage.system.DatabaseUrl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Kills the application's JVM with SIGKILL at the worst moments and proves that every ticket is still routed
 * after a restart.
 */
class CrashRecoveryIT {

    @TempDir
    Path dir;

    @Test
    void ticketsCommittedButNotYetClassifiedAreRoutedAfterAKill() {
        Map<String, String> env = Map.of("TRIAGE_AUTH", "none", "DATABASE_URL", "sqlite:///" + dir.resolve("tickets.db"),
                "TRIAGE_KNOWLEDGE_DIR", dir.resolve("none").toString());
        List<Long> ids = new ArrayList<>();

        // No workers: every ticket is committed with its job, and none is classified, when the JVM dies.
        try (AppProcess app = AppProcess.start(dir, withWorkers(env, 0))) {
            // demo mode, which these tests use, must say so loudly
            assertThat(app.log()).contains("ACCESS CONTROL IS OFF (TRIAGE_AUTH=none)");
            Api api = app.api();
            for (int i = 0; i < 5; i++) {
                Api.Reply reply = api.post("/tickets", Api.json(Map.of("title", "Laptop will not boot #" + i)));
                assertThat(reply.status()).isEqualTo(201);
                ids.add(reply.json().get("id").asLong());
            }
            app.kill();
        }
        assertThat(pendingJobs()).isEqualTo(5);

        try (AppProcess app = AppProcess.start(dir, withWorkers(env, 2))) {
            assertAllRouted(app.api(), ids);
        }
        assertThat(pendingJobs()).isZero();
    }

    @Test
    void jobsAWorkerHadClaimedWhenTheJvmDiedAreResumedAtStart() {
        Map<String, String> env = Map.of("TRIAGE_AUTH", "none", "DATABASE_URL", "sqlite:///" + dir.resolve("tickets.db"),
                "TRIAGE_KNOWLEDGE_DIR", dir.resolve("none").toString());
        List<Long> ids = new ArrayList<>();
        try (AppProcess app = AppProcess.start(dir, withWorkers(env, 0))) {
            for (int i = 0; i < 3; i++) {
                ids.add(app.api().post("/tickets", Api.json(Map.of("title", "VPN drops #" + i))).json()
                        .get("id").asLong());
            }
            app.kill();
        }
        // The state a worker leaves when the JVM dies mid-classification: claimed, with a long lease.
        long leaseInTheFuture = System.currentTimeMillis() + Duration.ofHours(1).toMillis();
        jdbc().sql("UPDATE jobs SET state = 'running', attempts = 1, locked_by = 'dead', locked_until = ?")
                .param(leaseInTheFuture).update();

        try (AppProcess app = AppProcess.start(dir, withWorkers(env, 2))) {
            assertAllRouted(app.api(), ids);
            assertThat(app.log()).contains("Resuming 3 job(s) left unfinished by the previous run");
        }
    }

    @Test
    void aKnowledgeFileBeingRewrittenWhenTheJvmDiesParsesAfterwardsAndEndsWithEveryExampleOnce() throws Exception {
        Path knowledge = dir.resolve("knowledge");
        Map<String, String> env = Map.of("TRIAGE_AUTH", "none", "DATABASE_URL", "sqlite:///" + dir.resolve("tickets.db"),
                "TRIAGE_KNOWLEDGE_DIR", knowledge.toString(), "TRIAGE_RATE_LIMIT_PER_MINUTE", "0");
        List<Long> closed = new ArrayList<>();

        try (AppProcess app = AppProcess.start(dir, withWorkers(env, 2))) {
            Api api = app.api();
            for (int i = 0; i < 24; i++) {
                long id = api.post("/tickets", Api.json(Map.of("title", "Laptop fan grinding noise, desk " + i,
                        "description", "The fan in my laptop grinds loudly whenever it is under load."))).json()
                        .get("id").asLong();
                assertThat(api.patch("/tickets/" + id, "{\"assigned_to\": \"Hardware Team\"}").status())
                        .isEqualTo(200);
                assertThat(api.patch("/tickets/" + id + "/status?status=closed").status()).isEqualTo(200);
                closed.add(id);
            }
            // Files are being rewritten, one per closed ticket, when the JVM dies.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                    .until(() -> !knowledgeEntries(knowledge).isEmpty());
            app.kill();
        }
        List<Long> afterKill = knowledgeEntries(knowledge);
        assertThat(afterKill).doesNotHaveDuplicates();
        assertThat(closed).containsAll(afterKill);

        try (AppProcess app = AppProcess.start(dir, withWorkers(env, 2))) {
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> knowledgeEntries(knowledge).stream().sorted().toList().equals(closed));
        }
        assertThat(knowledgeEntries(knowledge)).hasSize(closed.size()).doesNotHaveDuplicates();
    }

    /** The ticket ids in every knowledge file; fails if any file does not parse. */
    private static List<Long> knowledgeEntries(Path folder) throws java.io.IOException {
        if (!java.nio.file.Files.isDirectory(folder)) {
            return List.of();
        }
        List<Long> ids = new ArrayList<>();
        try (var files = java.nio.file.Files.newDirectoryStream(folder, "*.json")) {
            for (Path file : files) {
                tools.jackson.databind.JsonNode entries = tools.jackson.databind.json.JsonMapper.builder().build()
                        .readTree(file.toFile());
                assertThat(entries.isArray()).as(file.toString()).isTrue();
                entries.valueStream().filter(entry -> entry.has("ticket_id"))
                        .forEach(entry -> ids.add(entry.get("ticket_id").asLong()));
            }
        }
        return ids;
    }

    private void assertAllRouted(Api api, List<Long> ids) {
        for (long id : ids) {
            await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/tickets/" + id).json()
                    .get("status").asString(), "routed"::equals);
            assertThat(api.get("/tickets/" + id).json().get("assigned_to").asString()).isNotEmpty();
        }
    }

    private long pendingJobs() {
        return jdbc().sql("SELECT COUNT(*) FROM jobs").query(Long.class).single();
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
        Map<String, String> copy = new java.util.HashMap<>(env);
        copy.put("TRIAGE_JOBS_WORKERS", String.valueOf(workers));
        return copy;
    }
}
