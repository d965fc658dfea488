package io.tickettriage.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.tickettriage.support.Api;
import io.tickettriage.ticket.TicketManagement;
import io.tickettriage.ticket.TicketManagement.NewTicket;
import io.tickettriage.ticket.TicketStatus;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/**
 * Deleting a ticket forgets what the engine learnt from it: the example, the index entry, the knowledge file entry,
 * the team's count, the routing model (retrained at once, although the interval here is an hour) and its text in
 * the explanations of other tickets.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "triage.auth=none", "DATABASE_URL=sqlite:///target/it-${random.uuid}.db",
        "triage.knowledge.dir=target/knowledge-${random.uuid}", "triage.retrain-interval=1h",
        "triage.knowledge.poll-interval=2s"})
class TicketDeletionIT {

    private static final String TITLE = "Third-floor plotter prints every drawing in pale pink";
    private static final String DESCRIPTION = "The large plotter by the stairs, since the ink change";

    @LocalServerPort
    int port;

    @Autowired
    TicketManagement tickets;

    @Autowired
    KnowledgeProperties properties;

    @Autowired
    JdbcClient jdbc;

    @Test
    void deletingATicketForgetsWhatWasLearntFromItEverywhere() throws Exception {
        Api api = new Api(port);
        String model = await().atMost(Duration.ofMinutes(3)).until(() -> modelOf(api),
                version -> version.startsWith("linear"));
        long taught = routed(TITLE, DESCRIPTION);
        String team = "Security Team".equals(tickets.get(taught).assignedTo()) ? "HR Team" : "Security Team";
        int examplesBefore = examplesOf(api, team);
        api.patch("/tickets/" + taught, Api.json(Map.of("assigned_to", team, "changed_by", "alice")));
        tickets.changeStatus(taught, TicketStatus.CLOSED);
        assertThat(examplesOf(api, team)).isEqualTo(examplesBefore + 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> fileTicketIds().contains(taught));
        // A new team is trained for at once: the model in use then knows the ticket's example.
        assertThat(api.post("/teams", Api.json(Map.of("name", "Facilities Team", "examples", List.of(
                Map.of("title", "Meeting room projector needs a new lamp"),
                Map.of("title", "Air conditioning too cold on the fifth floor"),
                Map.of("title", "Desk chair broken, the height lever is stuck"),
                Map.of("title", "Whiteboard markers are empty in room 2.10"),
                Map.of("title", "Parking badge does not open the garage gate"))))).status()).isEqualTo(201);
        String withTicket = await().atMost(Duration.ofMinutes(3)).until(() -> modelOf(api),
                version -> version.startsWith("linear") && !version.equals(model));
        long citing = routed(TITLE + " again", DESCRIPTION);
        assertThat(api.get("/tickets/" + citing + "/explanation").body()).contains(TITLE);

        assertThat(api.delete("/tickets/" + taught).status()).isIn(200, 204);

        assertThat(jdbc.sql("SELECT COUNT(*) FROM examples WHERE ticket_id = ?").param(taught).query(Long.class)
                .single()).isZero();
        assertThat(examplesOf(api, team)).isEqualTo(examplesBefore);
        JsonNode again = triage(api, TITLE);
        assertThat(again.get("explanation").get("nearest_examples").valueStream())
                .noneMatch(example -> example.path("ticket_id").asLong() == taught)
                .noneMatch(example -> TITLE.equals(example.get("title").asString()));
        String explanation = api.get("/tickets/" + citing + "/explanation").body();
        assertThat(explanation).doesNotContain(TITLE).contains("(deleted ticket)");
        await().atMost(Duration.ofSeconds(30)).until(() -> !fileTicketIds().contains(taught));
        String retrained = await().atMost(Duration.ofMinutes(3)).until(() -> modelOf(api),
                version -> version.startsWith("linear") && !version.equals(withTicket));
        assertThat(examplesIn(retrained)).isEqualTo(examplesIn(withTicket) - 1);
    }

    private static JsonNode triage(Api api, String title) {
        return api.post("/triage", Api.json(Map.of("title", title, "description", DESCRIPTION))).json();
    }

    private static String modelOf(Api api) {
        return triage(api, "VPN drops every hour").get("explanation").get("model").asString();
    }

    /** How many examples a model version was trained on: {@code linear-svm-v3+<embedding>@<examples>/<time>}. */
    private static int examplesIn(String version) {
        return Integer.parseInt(version.substring(version.indexOf('@') + 1, version.indexOf('/')));
    }

    private static int examplesOf(Api api, String team) {
        return api.get("/teams").json().valueStream().filter(t -> team.equals(t.get("name").asString()))
                .mapToInt(t -> t.get("examples").asInt()).findFirst().orElse(0);
    }

    private long routed(String title, String description) {
        long id = tickets.create(new NewTicket(title, description, null, null)).id();
        await().atMost(Duration.ofSeconds(60)).until(() -> tickets.get(id).status() == TicketStatus.ROUTED);
        return id;
    }

    private List<Long> fileTicketIds() throws Exception {
        return KnowledgeFileEntries.ticketIds(properties.dir());
    }
}
