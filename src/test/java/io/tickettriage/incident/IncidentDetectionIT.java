package io.tickettriage.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.tickettriage.knowledge.KnowledgeBase;
import io.tickettriage.support.Api;
import io.tickettriage.ticket.Ticket;
import io.tickettriage.ticket.TicketManagement;
import io.tickettriage.ticket.TicketManagement.NewTicket;
import io.tickettriage.ticket.TicketStatus;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

import tools.jackson.databind.JsonNode;

/** Duplicates and incident storms, found by the real model on real tickets flowing through the pipeline. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "triage.auth=none", "DATABASE_URL=sqlite:///target/it-${random.uuid}.db", "triage.knowledge.dir=target/knowledge-${random.uuid}",
        "triage.jobs.workers=1"})
class IncidentDetectionIT {

    @TestConfiguration
    static class Events {

        @Bean
        DetectedIncidents detectedIncidents() {
            return new DetectedIncidents();
        }
    }

    static class DetectedIncidents {

        final List<Incident> incidents = new CopyOnWriteArrayList<>();

        @EventListener
        void on(IncidentDetected event) {
            incidents.add(event.incident());
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    TicketManagement tickets;

    @Autowired
    DetectedIncidents detected;

    @Autowired
    KnowledgeBase knowledge;

    /** Routing waits for the starter examples, which a busy machine can take a minute to embed. */
    @BeforeEach
    void knowledgeLoaded() throws InterruptedException {
        assertThat(knowledge.awaitReady(Duration.ofMinutes(3))).isTrue();
    }

    @Test
    void groupsABurstOfSimilarTicketsUnderOneIncidentAndLeavesOthersAlone() {
        List<String> liveEvents = new CopyOnWriteArrayList<>();
        Api api = new Api(port);
        api.http().sendAsync(api.request("/events").GET().timeout(Duration.ofMinutes(2)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> response.body().forEach(liveEvents::add));
        await().atMost(Duration.ofSeconds(10)).until(() -> liveEvents.contains(":connected"));
        String[] storm = {
            "VPN down, cannot connect from home",
            "VPN is down for me too, cannot connect",
            "Cannot connect to the VPN from home, it is down",
            "VPN down - no connection possible from home office",
            "The VPN seems down, I cannot connect",
            "VPN down again, can't connect from home"};
        String[] unrelated = {
            "My payslip shows the wrong tax code",
            "Excel crashes when I open the budget workbook",
            "Keyboard keys stick on my laptop"};
        List<Long> stormIds = new ArrayList<>();
        List<Long> otherIds = new ArrayList<>();
        for (int i = 0; i < storm.length; i++) {
            stormIds.add(create(storm[i]));
            if (i < unrelated.length) {
                otherIds.add(create(unrelated[i]));
            }
        }
        stormIds.forEach(this::awaitRouted);
        otherIds.forEach(this::awaitRouted);
        List<Ticket> stormTickets = stormIds.stream().map(tickets::get).toList();

        List<Incident> vpn = detected.incidents.stream()
                .filter(found -> found.ticketIds().stream().anyMatch(stormIds::contains)).toList();
        assertThat(vpn).hasSize(1);
        Incident incident = vpn.getFirst();
        List<Long> grouped = stormTickets.stream().filter(t -> t.incidentId() != null).map(Ticket::id).toList();
        assertThat(grouped).hasSizeGreaterThanOrEqualTo(5);
        assertThat(stormTickets.stream().map(t -> tickets.get(t.id()).incidentId()).filter(id -> id != null))
                .containsOnly(incident.id());
        assertThat(otherIds).allSatisfy(id -> assertThat(tickets.get(id).incidentId()).isNull());

        JsonNode fromApi = new Api(port).get("/incidents/" + incident.id()).json();
        assertThat(fromApi.get("ticket_ids").valueStream().map(JsonNode::asLong)).containsAll(grouped);
        assertThat(new Api(port).get("/tickets/" + stormIds.getLast()).json().get("incident_id").asLong())
                .isEqualTo(incident.id());
        assertThat(new Api(port).get("/incidents/999999").status()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(10)).until(() -> liveEvents.contains("event:incident_detected"));
        String payload = liveEvents.get(liveEvents.indexOf("event:incident_detected") + 1);
        assertThat(payload).startsWith("data:").contains("\"id\":" + incident.id()).contains("\"ticket_ids\"");
    }

    @Test
    void findsAStormWhoseLastReportsAreLikeOnlySomeOfTheOthers() {
        // One outage, assessed in an order where no report is like four others: the reports phrased one way
        // come first, and the last ones resemble three of the earlier reports each. Similarity between members
        // carries the storm, whatever order its reports are assessed in.
        String[] storm = {
            "Email is down, cannot send or receive messages",
            "Email down for me too, nothing comes in or goes out",
            "Is email down? I cannot send or receive messages",
            "Email not working: cannot send or receive anything",
            "Cannot send or receive email, the mail server seems down",
            "Mail server is down, email is not working"};
        List<Long> ids = new ArrayList<>();
        for (String title : storm) {
            long id = create(title);
            awaitRouted(id);
            ids.add(id);
        }
        List<Long> incidents = ids.stream().map(tickets::get).map(Ticket::incidentId).filter(id -> id != null)
                .toList();
        assertThat(incidents).hasSizeGreaterThanOrEqualTo(5);
        assertThat(incidents.stream().distinct()).hasSize(1);
        assertThat(detected.incidents).filteredOn(found -> found.id() == incidents.getFirst()).hasSize(1);
    }

    @Test
    void listsOpenNearDuplicatesOnTheTicketAndInItsExplanation() {
        long first = create("Outlook crashes every time I open a calendar invite");
        awaitRouted(first);
        long closedOne = create("Outlook crashes every time I open a calendar invitation");
        awaitRouted(closedOne);
        tickets.changeStatus(closedOne, TicketStatus.CLOSED);

        long second = create("Outlook crashes each time I open a calendar invite");
        Ticket ticket = awaitRouted(second);

        assertThat(ticket.possibleDuplicates()).extracting(d -> d.id()).contains(first).doesNotContain(closedOne);
        assertThat(ticket.possibleDuplicates().getFirst().similarity()).isBetween(0.9, 1.0);
        JsonNode explanation = new Api(port).get("/tickets/" + second + "/explanation").json();
        assertThat(explanation.get("possible_duplicates").get(0).get("id").asLong()).isIn(first);
        JsonNode json = new Api(port).get("/tickets/" + second).json();
        assertThat(json.get("possible_duplicates").get(0).get("id").asLong()).isEqualTo(first);
    }

    private long create(String title) {
        return tickets.create(new NewTicket(title, "", null, null)).id();
    }

    private Ticket awaitRouted(long id) {
        return await().atMost(Duration.ofSeconds(90)).until(() -> tickets.get(id),
                t -> t.status() == TicketStatus.ROUTED);
    }
}
