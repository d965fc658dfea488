package io.tickettriage.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.tickettriage.support.Api;
import io.tickettriage.ticket.Ticket;
import io.tickettriage.ticket.TicketManagement;
import io.tickettriage.ticket.TicketManagement.AgentChange;
import io.tickettriage.ticket.TicketManagement.NewTicket;
import io.tickettriage.ticket.TicketStatus;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/** Closed and corrected tickets teach the engine at once, and are kept in the team knowledge files. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "triage.auth=none", "DATABASE_URL=sqlite:///target/it-${random.uuid}.db",
        "triage.knowledge.dir=target/knowledge-${random.uuid}", "triage.retrain-interval=1s"})
class LearningLoopIT {

    @LocalServerPort
    int port;

    @Autowired
    TicketManagement tickets;

    @Autowired
    KnowledgeBase knowledge;

    @Autowired
    KnowledgeProperties properties;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeEach
    void ready() throws InterruptedException {
        api = new Api(port);
        assertThat(knowledge.awaitReady(Duration.ofSeconds(60))).isTrue();
    }

    @Test
    void aClosedTicketBecomesAnExampleAtOnceAndReopeningRetractsIt() {
        long id = routed("Toner cartridge empty on the third floor printer", "Replace toner in HP LaserJet 4250");
        String team = tickets.get(id).assignedTo();
        int before = knowledge.examplesOf(team);

        tickets.changeStatus(id, TicketStatus.CLOSED);

        assertThat(knowledge.examplesOf(team)).isEqualTo(before + 1);
        assertThat(learntFrom(id)).isEqualTo(1);
        JsonNode decision = api.post("/triage", Api.json(Map.of("title",
                "Toner cartridge empty on the third floor printer", "description",
                "Replace toner in HP LaserJet 4250"))).json();
        assertThat(decision.get("explanation").get("nearest_examples").get(0).get("similarity").asDouble())
                .isGreaterThan(0.99);
        // written as a ticket's confidence is: at most 4 decimals
        assertThat(decision.get("confidence").asString()).matches("[01](\\.\\d{1,4})?");
        awaitFileEntries(team, id, 1);

        tickets.changeStatus(id, TicketStatus.ROUTED);
        assertThat(knowledge.examplesOf(team)).isEqualTo(before);
        assertThat(learntFrom(id)).isZero();
        awaitFileEntries(team, id, 0);

        tickets.changeStatus(id, TicketStatus.CLOSED);
        assertThat(knowledge.examplesOf(team)).isEqualTo(before + 1);
        assertThat(learntFrom(id)).isEqualTo(1);
        awaitFileEntries(team, id, 1);
    }

    @Test
    void manualReviewAndNearEmptyTicketsNeverBecomeExamples() {
        long junk = routed("help", "");
        tickets.changeStatus(junk, TicketStatus.CLOSED);
        long manual = routed("Need a second monitor arm for the desk by the window", "");
        tickets.change(manual, new AgentChange("Manual Review", null, null));
        tickets.changeStatus(manual, TicketStatus.CLOSED);

        assertThat(learntFrom(junk)).isZero();
        assertThat(learntFrom(manual)).isZero();
    }

    @Test
    void anAgentsCorrectionIsRecordedWithWhoAndWhenAndTaught() {
        long id = routed("Cannot open the shared finance drive from the office", "");
        String engineTeam = tickets.get(id).assignedTo();
        String agentTeam = engineTeam.equals("Network Team") ? "Software Team" : "Network Team";
        String priority = tickets.get(id).priority().label().equals("High") ? "Low" : "High";

        JsonNode changed = api.patch("/tickets/" + id, Api.json(Map.of("assigned_to", agentTeam,
                "priority", priority, "changed_by", "dana"))).json();

        assertThat(changed.get("assigned_to").asString()).isEqualTo(agentTeam);
        JsonNode corrections = api.get("/tickets/" + id + "/corrections").json();
        assertThat(corrections.valueStream().map(c -> c.get("field").asString())).contains("assigned_to", "priority");
        assertThat(corrections.valueStream().map(c -> c.get("changed_by").asString())).containsOnly("dana");
        assertThat(corrections.get(0).has("created_at")).isTrue();
        assertThat(corrections.get(0).get("old_value").asString()).isEqualTo(engineTeam);
        assertThat(jdbc.sql("SELECT team FROM examples WHERE ticket_id = ?").param(id).query(String.class).single())
                .isEqualTo(agentTeam);
    }

    @Test
    void teamsAreDataAndANewTeamIsRoutedToWithoutARestart() {
        List<Map<String, String>> examples = List.of(
                Map.of("title", "Meeting room projector needs a new lamp"),
                Map.of("title", "Book the large boardroom for the all-hands"),
                Map.of("title", "Whiteboard markers are empty in room 2.10"),
                Map.of("title", "Air conditioning too cold on the fifth floor"),
                Map.of("title", "Desk chair broken, the height lever is stuck"),
                Map.of("title", "Parking badge does not open the garage gate"));
        Api.Reply added = api.post("/teams", Api.json(Map.of("name", "Facilities Team", "examples", examples)));

        assertThat(added.status()).isEqualTo(201);
        assertThat(added.json().get("ready").asBoolean()).isTrue();
        assertThat(api.get("/teams").json().valueStream().map(t -> t.get("name").asString()))
                .contains("Facilities Team", "Hardware Team");
        JsonNode decision = api.post("/triage",
                "{\"title\": \"The air conditioning on the fifth floor is far too cold\"}").json();
        assertThat(decision.get("assigned_to").asString()).isEqualTo("Facilities Team");
        assertThat(api.post("/teams", "{\"name\": \"Manual Review\", \"examples\": [{\"title\": \"x\"}]}").status())
                .isEqualTo(422);
        assertThat(api.post("/teams", "{\"name\": \"Empty Team\", \"examples\": []}").status()).isEqualTo(422);
    }

    @Test
    void closingAHundredTicketsAtOnceLeavesValidKnowledgeFilesHoldingAllOfThem() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            long id = tickets.create(new NewTicket("Bulk ticket " + i + " about a broken laptop hinge", "", null,
                    null)).id();
            tickets.change(id, new AgentChange(i % 2 == 0 ? "Hardware Team" : "Software Team", null, null));
            ids.add(id);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Ticket>> closes = new ArrayList<>();
        for (long id : ids) {
            closes.add(pool.submit(() -> tickets.changeStatus(id, TicketStatus.CLOSED)));
        }
        for (Future<Ticket> close : closes) {
            close.get();
        }
        pool.shutdown();

        await().atMost(Duration.ofSeconds(60)).until(() -> fileTicketIds().containsAll(ids));
        assertThat(fileTicketIds()).doesNotHaveDuplicates();
    }

    @Test
    void theRoutingModelIsRetrainedInTheBackgroundAndEveryExplanationNamesItsVersion() {
        String first = await().atMost(Duration.ofMinutes(2)).until(this::modelVersion, v -> v.startsWith("linear"));

        long id = routed("Conference room display shows no signal from the HDMI cable", "Room 4.02, since today");
        tickets.changeStatus(id, TicketStatus.CLOSED);

        String second = await().atMost(Duration.ofMinutes(2)).until(this::modelVersion,
                v -> v.startsWith("linear") && !v.equals(first));
        assertThat(second).isNotEqualTo(first);
        assertThat(api.get("/tickets/" + id + "/explanation").json().get("model").asString()).isNotBlank();
    }

    private String modelVersion() {
        return api.post("/triage", "{\"title\": \"Laptop battery drains in an hour\"}").json()
                .get("explanation").get("model").asString();
    }

    private long routed(String title, String description) {
        long id = tickets.create(new NewTicket(title, description, null, null)).id();
        await().atMost(Duration.ofSeconds(30)).until(() -> tickets.get(id).status() == TicketStatus.ROUTED);
        return id;
    }

    private long learntFrom(long ticketId) {
        return jdbc.sql("SELECT COUNT(*) FROM examples WHERE ticket_id = ?").param(ticketId).query(Long.class).single();
    }

    private void awaitFileEntries(String team, long ticketId, int expected) {
        await().atMost(Duration.ofSeconds(30)).until(() -> fileTicketIds().stream()
                .filter(id -> id == ticketId).count() == expected);
    }

    private List<Long> fileTicketIds() throws Exception {
        return KnowledgeFileEntries.ticketIds(properties.dir());
    }
}
