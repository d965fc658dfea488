package io.tickettriage.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.tickettriage.connector.zammad.FakeZammad;
import io.tickettriage.support.Api;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.json.JsonMapper;

/** Zammad in suggest mode: even a confident decision is only a note for the agents; group and priority stay. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "triage.auth=none", "DATABASE_URL=sqlite:///target/it-${random.uuid}.db",
        "triage.knowledge.dir=target/knowledge-${random.uuid}", "triage.rate-limit-per-minute=0",
        "triage.zammad.token=" + ZammadSuggestModeIT.TOKEN, "triage.zammad.webhook-secret=" + ZammadSuggestModeIT.SECRET,
        "triage.zammad.mode=suggest", "triage.zammad.poll-interval=1h", "triage.connectors.polling=false"})
class ZammadSuggestModeIT {

    static final String TOKEN = "suggest-token-5d2e";
    static final String SECRET = "suggest-hook-secret";
    static final FakeZammad ZAMMAD = new FakeZammad(TOKEN);
    private static final JsonMapper JSON = JsonMapper.builder().build();

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

    @Test
    void aConfidentDecisionBecomesAnInternalNoteWithTheReasonAndNothingElseChanges() {
        Api api = new Api(port);
        long zammadId = ZAMMAD.open("Laptop screen flickers after docking",
                "Since this morning my external monitor flickers whenever the laptop is docked.", "Users", "2 normal");
        String payload = ZAMMAD.webhookPayload(zammadId);
        HttpResponse<String> answer = api.raw(api.request("/connectors/zammad/webhook")
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature", "sha1=" + ZammadSignatures.sign(SECRET, payload))
                .POST(BodyPublishers.ofString(payload)));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        long ticketId = JSON.readTree(answer.body()).get("ticket_id").asLong();

        await().atMost(Duration.ofSeconds(60)).until(() -> !ZAMMAD.internalNotes(zammadId).isEmpty());

        assertThat(api.get("/tickets/" + ticketId).json().get("assigned_to").asString()).isEqualTo("Hardware Team");
        assertThat(ZAMMAD.internalNotes(zammadId)).singleElement().asString()
                .startsWith("Ticket Triage suggests group \"Hardware Team\", priority \"")
                .contains("confidence").contains("Similar past tickets:")
                .doesNotContain("below the team's threshold");
        assertThat(ZAMMAD.group(zammadId)).isEqualTo("Users");
        assertThat(ZAMMAD.calls("PUT", "/api/v1/tickets")).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> "done".equals(jdbc.sql("SELECT writeback_state FROM "
                + "connector_tickets WHERE external_id = ?").param(String.valueOf(zammadId)).query(String.class)
                .single()));
    }
}
