package io.tickettriage.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tickettriage.support.Api;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Another process holds SQLite's write lock for longer than the service waits for it (a backup tool, say, or an
 * administrator's open transaction). Writes are refused with 503 and change nothing; reads go on; once the lock is
 * released, every ticket that was accepted is routed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "triage.auth=none", "DATABASE_URL=sqlite:///target/it-${random.uuid}.db?busy_timeout=800",
        "triage.knowledge.dir=target/knowledge-${random.uuid}", "triage.rate-limit-per-minute=0",
        "triage.jobs.poll-interval=200ms"})
class DatabaseLockIT {

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    JdbcClient jdbc;

    @Test
    void refusesWritesWith503WhileAnotherProcessHoldsTheLockAndRoutesEveryAcceptedTicketAfterwards()
            throws Exception {
        Api api = new Api(port);
        List<Long> accepted = new ArrayList<>();
        accepted.add(create(api, "Laptop screen flickers before the lock").json().get("id").asLong());

        try (Connection other = DriverManager.getConnection(environment.getProperty("spring.datasource.url"));
                Statement statement = other.createStatement()) {
            statement.execute("BEGIN EXCLUSIVE");

            for (int i = 0; i < 3; i++) {
                HttpResponse<String> refused = api.raw(api.request("/tickets")
                        .header("Content-Type", "application/json")
                        .POST(BodyPublishers.ofString(Api.json(Map.of("title", "Refused while locked " + i)))));
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/problem+json"));
                assertThat(refused.headers().firstValue("Retry-After")).isPresent();
                assertThat(refused.body()).contains("nothing was changed").doesNotContain("SQLITE");
            }
            statement.execute("ROLLBACK");
        }

        for (int i = 0; i < 3; i++) {
            accepted.add(create(api, "VPN drops after the lock " + i).json().get("id").asLong());
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM tickets WHERE title LIKE 'Refused while locked%'")
                .query(Long.class).single()).isZero();
        for (long id : accepted) {
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(
                    api.get("/tickets/" + id).json().get("status").asString()).isNotEqualTo("pending"));
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("SELECT COUNT(*) FROM jobs WHERE type = 'classify'").query(Long.class).single(),
                        count -> count == 0);
    }

    private static Api.Reply create(Api api, String title) {
        Api.Reply reply = api.post("/tickets", Api.json(Map.of("title", title)));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply;
    }
}
