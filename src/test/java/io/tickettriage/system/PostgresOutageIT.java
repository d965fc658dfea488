package io.tickettriage.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tickettriage.support.Api;
import io.tickettriage.support.AppProcess;
import io.tickettriage.support.FreePorts;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stops while the service runs (a restart, a fail-over) and comes back on the same data: the API answers
 * 503 problems meanwhile, workers retry, and every ticket that was accepted is routed afterwards.
 */
class PostgresOutageIT {

    @TempDir
    Path dir;

    @Test
    void answers503WhileThePostgresServerIsDownAndRoutesEveryAcceptedTicketOnceItIsBack() throws Exception {
        Path data = dir.resolve("pgdata");
        int port = FreePorts.next();
        EmbeddedPostgres postgres = start(data, port);
        Map<String, String> env = Map.of(
                "DATABASE_URL", "postgresql://postgres:postgres@localhost:" + port + "/postgres",
                "TRIAGE_KNOWLEDGE_DIR", dir.resolve("knowledge").toString(),
                "TRIAGE_RATE_LIMIT_PER_MINUTE", "0", "TRIAGE_AUTH", "none");
        List<Long> accepted = new ArrayList<>();
        try (AppProcess app = AppProcess.start(dir, env)) {
            Api api = app.api();
            accepted.add(created(api.post("/tickets", Api.json(Map.of("title", "Laptop will not charge")))));

            postgres.close();
            for (int i = 0; i < 2; i++) {
                Api.Reply refused = api.post("/tickets", Api.json(Map.of("title", "Refused while down " + i)));
                assertThat(refused.status()).as(refused.body()).isEqualTo(503);
                assertThat(refused.contentType()).startsWith("application/problem+json");
                assertThat(refused.body()).contains("nothing was changed");
            }

            postgres = start(data, port);
            await().atMost(Duration.ofSeconds(60)).until(() -> api.post("/tickets",
                    Api.json(Map.of("title", "Probe after the restart"))).status() == 201);
            for (int i = 0; i < 3; i++) {
                accepted.add(created(api.post("/tickets", Api.json(Map.of("title", "VPN drops after restart " + i)))));
            }
            for (long id : accepted) {
                await().atMost(Duration.ofSeconds(90)).until(() -> api.get("/tickets/" + id).json()
                        .get("status").asString(), status -> !status.equals("pending"));
            }
            assertThat(api.get("/tickets?q=Refused%20while%20down").json().size()).isZero();
        } finally {
            postgres.close();
        }
    }

    private static long created(Api.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().get("id").asLong();
    }

    private static EmbeddedPostgres start(Path data, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
    }
}
