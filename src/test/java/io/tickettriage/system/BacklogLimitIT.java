package io.tickettriage.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import io.tickettriage.support.Api;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** With no workers, jobs pile up to their bound; past it, new tickets are refused until the backlog shrinks. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "triage.auth=none", "DATABASE_URL=sqlite:///target/it-${random.uuid}.db", "triage.knowledge.dir=target/knowledge-${random.uuid}",
        "triage.rate-limit-per-minute=0", "triage.jobs.workers=0", "triage.jobs.max-pending=3"})
class BacklogLimitIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void refusesNewTicketsWith503WhileTheBacklogIsFullAndAcceptsThemOnceItDrains() {
        Api api = new Api(port);
        for (int i = 0; i < 3; i++) {
            assertThat(api.post("/tickets", Api.json(Map.of("title", "Printer jam " + i))).status()).isEqualTo(201);
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> post(api, "Printer jam refused").statusCode() == 503);
        HttpResponse<String> refused = post(api, "Printer jam refused");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.body()).contains("waiting to be triaged");
        assertThat(count("SELECT COUNT(*) FROM tickets")).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM jobs")).isEqualTo(3);

        // Workers elsewhere finish two jobs.
        jdbc.sql("DELETE FROM jobs WHERE id IN (SELECT id FROM jobs ORDER BY id LIMIT 2)").update();

        await().atMost(Duration.ofSeconds(5)).until(() -> post(api, "Printer jam accepted").statusCode() == 201);
        assertThat(count("SELECT COUNT(*) FROM tickets WHERE title = 'Printer jam refused'")).isZero();
    }

    private static HttpResponse<String> post(Api api, String title) {
        return api.raw(api.request("/tickets").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(Api.json(Map.of("title", title)))));
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
