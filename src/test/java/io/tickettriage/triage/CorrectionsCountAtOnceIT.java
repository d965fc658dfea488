package io.tickettriage.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import io.tickettriage.support.Api;
import io.tickettriage.ticket.TicketManagement;
import io.tickettriage.ticket.TicketManagement.NewTicket;
import io.tickettriage.ticket.TicketStatus;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * What agents teach counts in the very next decision, long before the routing model is retrained (here not for an
 * hour): the model in use is the one trained at start for the whole test.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "triage.auth=none", "DATABASE_URL=sqlite:///target/it-${random.uuid}.db",
        "triage.knowledge.dir=target/knowledge-${random.uuid}", "triage.retrain-interval=1h"})
class CorrectionsCountAtOnceIT {

    private static final String BADGES = "Lobby badge printer prints blank visitor cards";

    @LocalServerPort
    int port;

    @Autowired
    TicketManagement tickets;

    Api api;
    String model;

    @BeforeEach
    void trainedModel() {
        api = new Api(port);
        model = await().atMost(Duration.ofMinutes(3)).until(() -> triage("VPN disconnects every few minutes", "")
                .get("explanation").get("model").asString(), version -> version.startsWith("linear"));
    }

    @Test
    void aCorrectionDecidesTheNextIdenticalTicketAndItsParaphraseAtOnce() {
        long id = routed(BADGES, "");
        String engineTeam = tickets.get(id).assignedTo();
        String agentTeam = "Security Team".equals(engineTeam) ? "HR Team" : "Security Team";
        assertThat(api.patch("/tickets/" + id, Api.json(Map.of("assigned_to", agentTeam, "changed_by", "alice")))
                .status()).isEqualTo(200);
        tickets.changeStatus(id, TicketStatus.CLOSED);

        JsonNode same = triage(BADGES, "");
        assertThat(same.get("assigned_to").asString()).isEqualTo(agentTeam);
        assertThat(same.get("reason").asString()).contains("nearly identical")
                .contains("ticket #" + id + ", corrected by alice to " + agentTeam);
        JsonNode nearest = same.get("explanation").get("nearest_examples").get(0);
        assertThat(nearest.get("ticket_id").asLong()).isEqualTo(id);
        assertThat(nearest.get("source").asString()).isEqualTo("ticket");

        JsonNode paraphrase = triage("The badge printer in the lobby prints empty visitor badges", "");
        assertThat(paraphrase.get("assigned_to").asString()).as(paraphrase.toString()).isEqualTo(agentTeam);
        assertThat(paraphrase.get("reason").asString()).contains("learnt after the routing model was trained");
        assertThat(triage("VPN disconnects every few minutes", "").get("explanation").get("model").asString())
                .as("the model trained at start still routes").isEqualTo(model);
        JsonNode schemas = api.get("/openapi.json").json().get("components").get("schemas");
        // The schema's property names follow the API documentation's own naming.
        assertThat(schemas.valueStream().map(schema -> schema.path("properties"))
                .filter(properties -> properties.has("similarity")
                        && (properties.has("example_id") || properties.has("exampleId"))))
                .singleElement().satisfies(evidence -> assertThat(evidence.has("source")
                        && (evidence.has("ticket_id") || evidence.has("ticketId"))).as(evidence.toString()).isTrue());
    }

    @Test
    void closingWithoutAChangeLeavesDecisionsAsTheyWere() {
        String title = "Laptop docking station stopped charging my notebook";
        JsonNode before = triage(title, "The dock on desk 14 powers the screens only");
        long id = routed(title, "The dock on desk 14 powers the screens only");

        tickets.changeStatus(id, TicketStatus.CLOSED);

        JsonNode after = triage(title, "The dock on desk 14 powers the screens only");
        assertThat(after.get("assigned_to").asString()).isEqualTo(before.get("assigned_to").asString());
        assertThat(after.get("confidence").asDouble()).isEqualTo(before.get("confidence").asDouble());
        assertThat(after.get("explanation").get("model").asString()).isEqualTo(model);
        assertThat(after.get("reason").asString()).doesNotContain("learnt after");
        JsonNode nearest = after.get("explanation").get("nearest_examples");
        if (!"Manual Review".equals(tickets.get(id).assignedTo())) {
            assertThat(nearest.get(0).get("ticket_id").asLong()).isEqualTo(id);
        }
        assertThat(nearest.valueStream().filter(n -> "starter".equals(n.get("source").asString())))
                .isNotEmpty()
                .allSatisfy(n -> assertThat(n.path("ticket_id").isMissingNode() || n.get("ticket_id").isNull()).isTrue());
    }

    private JsonNode triage(String title, String description) {
        return api.post("/triage", Api.json(Map.of("title", title, "description", description))).json();
    }

    private long routed(String title, String description) {
        long id = tickets.create(new NewTicket(title, description, null, null)).id();
        await().atMost(Duration.ofSeconds(60)).until(() -> tickets.get(id).status() == TicketStatus.ROUTED);
        return id;
    }
}
