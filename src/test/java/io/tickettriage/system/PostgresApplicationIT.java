package io.tickettriage.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import io.tickettriage.TriageApplication;
import io.tickettriage.support.Api;
import io.tickettriage.support.TestDatabases;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/** The whole application on PostgreSQL, chosen the way a user does: with DATABASE_URL. */
class PostgresApplicationIT {

    @Test
    void runsOnPostgresWhenDatabaseUrlSaysSo() {
        String databaseUrl = TestDatabases.postgresUrl();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TriageApplication.class)
                .properties("triage.auth=none", "DATABASE_URL=" + databaseUrl, "triage.knowledge.dir=target/knowledge-${random.uuid}",
                        "triage.knowledge.index.dir=target/index-${random.uuid}")
                .run("--server.port=0")) {
            Environment environment = app.getEnvironment();
            assertThat(environment.getProperty("spring.datasource.url")).startsWith("jdbc:postgresql://");
            Api api = new Api(Integer.parseInt(environment.getProperty("local.server.port")));

            Api.Reply created = api.post("/tickets", Api.json(Map.of("title", "Laptop screen flickers after docking",
                    "description", "External monitor flickers on the dock")));
            assertThat(created.status()).isEqualTo(201);
            long id = created.json().get("id").asLong();

            // the first routing waits for the embedding model to load: minutes on a two-core machine under load
            await().atMost(Duration.ofMinutes(3)).until(() -> api.get("/tickets/" + id).json()
                    .get("status").asString(), "routed"::equals);
            assertThat(api.get("/tickets/" + id).json().get("assigned_to").asString()).isEqualTo("Hardware Team");
            assertThat(api.post("/tickets/" + id + "/comments", "{\"text\": \"on it\"}").status()).isEqualTo(201);
            assertThat(api.patch("/tickets/" + id + "/status?status=closed").json().get("status").asString())
                    .isEqualTo("closed");
            assertThat(api.get("/tickets?status=closed").json().get(0).get("id").asLong()).isEqualTo(id);

            // PostgreSQL stores no NUL character in text, SQLite does: the character is dropped on both
            Api.Reply nul = api.post("/tickets",
                    "{\"title\": \"Printer\\u0000 jammed\", \"description\": \"\\u0000\"}");
            assertThat(nul.status()).as(nul.body()).isEqualTo(201);
            assertThat(nul.json().get("title").asString()).isEqualTo("Printer jammed");
            assertThat(api.post("/tickets/" + id + "/comments", "{\"text\": \"on\\u0000it\"}").json().get("text")
                    .asString()).isEqualTo("onit");
            Api.Reply search = api.get("/tickets?q=jam%00med");
            assertThat(search.status()).as(search.body()).isEqualTo(422);
            assertThat(search.json().get("detail").asString()).isEqualTo("q must not contain the NUL character (%00)");
            assertThat(api.get("/tickets?q=jammed").json()).hasSize(1);
        }
    }
}
