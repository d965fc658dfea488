package io.tickettriage.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.tickettriage.support.Api;
import io.tickettriage.ticket.Level;
import io.tickettriage.ticket.Priority;
import io.tickettriage.ticket.Ticket;
import io.tickettriage.ticket.TicketManagement;
import io.tickettriage.ticket.TicketManagement.NewTicket;
import io.tickettriage.ticket.TriageOutcome;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * Tickets routed by hand (no workers) for {@code ticket_needs_review}, and a subscription paused as soon as it fails
 * ({@code pause-after=0s}) to see the pause and its undoing without waiting a day.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "triage.auth=none", "DATABASE_URL=sqlite:///target/it-${random.uuid}.db",
        "triage.knowledge.dir=target/knowledge-${random.uuid}", "triage.jobs.workers=0",
        "triage.webhooks.allow-private=true", "triage.webhooks.retry-initial=100ms",
        "triage.webhooks.retry-max-wait=200ms", "triage.webhooks.poll-interval=100ms",
        "triage.webhooks.pause-after=0s"})
class WebhookPauseAndReviewIT {

    @LocalServerPort
    int port;

    @Autowired
    TicketManagement tickets;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @AfterEach
    void unsubscribeAll() {
        api.get("/webhooks").json().valueStream().forEach(hook -> api.delete("/webhooks/" + hook.get("id").asLong()));
    }

    @Test
    void aTicketLeftForManualReviewIsAnnouncedAsNeedingReviewOnce() {
        try (Receiver receiver = Receiver.start()) {
            long webhookId = subscribe(receiver.url(), "ticket_routed", "ticket_needs_review");
            long manual = tickets.create(new NewTicket("Something odd", "", null, null)).id();
            long hardware = tickets.create(new NewTicket("Laptop fan grinding", "", null, null)).id();
            tickets.applyTriage(manual, outcome(Ticket.MANUAL_REVIEW));
            tickets.applyTriage(hardware, outcome("Hardware Team"));
            // a classification job that runs again after its worker died announces the routing a second time
            tickets.announceRoutingAgain(tickets.get(manual));

            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.requests().size() >= 3);
            List<String> events = api.get("/webhooks/" + webhookId + "/deliveries").json().valueStream()
                    .map(d -> d.get("event").asString() + " " + d.get("id").asString().length()).toList();
            assertThat(events).containsExactlyInAnyOrder("ticket_routed 36", "ticket_needs_review 36",
                    "ticket_routed 36");
            JsonNode review = receiver.requests().stream().map(Receiver.Request::json)
                    .filter(json -> json.get("event").asString().equals("ticket_needs_review")).findFirst()
                    .orElseThrow();
            assertThat(review.get("data").get("id").asLong()).isEqualTo(manual);
            assertThat(review.get("data").get("assigned_to").asString()).isEqualTo(Ticket.MANUAL_REVIEW);
        }
    }

    @Test
    void aSubscriptionThatKeepsFailingIsPausedAndResumesWhenSwitchedOnAgain() {
        try (Receiver receiver = Receiver.start(0, n -> 503)) {
            long webhookId = subscribe(receiver.url(), "ticket_created");
            api.post("/tickets", Api.json(Map.of("title", "Printer offline")));

            await().atMost(Duration.ofSeconds(20)).until(() -> !hook(webhookId).get("active").asBoolean());
            JsonNode paused = hook(webhookId);
            assertThat(paused.get("paused_reason").asString()).contains("HTTP 503");
            assertThat(paused.get("failing_since").isNull()).isFalse();
            // its delivery waits, neither lost nor failed
            JsonNode delivery = api.get("/webhooks/" + webhookId + "/deliveries").json().get(0);
            assertThat(delivery.get("state").asString()).isEqualTo("pending");

            receiver.answer(n -> 200);
            JsonNode resumed = api.patch("/webhooks/" + webhookId, "{\"active\": true}").json();
            assertThat(resumed.get("active").asBoolean()).isTrue();
            assertThat(resumed.get("paused_reason").isNull()).isTrue();
            assertThat(resumed.get("failing_since").isNull()).isTrue();
            await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/webhooks/" + webhookId + "/deliveries")
                    .json().get(0).get("state").asString().equals("delivered"));
        }
    }

    private static TriageOutcome outcome(String team) {
        return new TriageOutcome(team, Priority.MEDIUM, Level.TIER_1, 0.4, "test", null);
    }

    private JsonNode hook(long id) {
        return api.get("/webhooks/" + id).json();
    }

    private long subscribe(String url, String... events) {
        Api.Reply reply = api.post("/webhooks", Api.json(Map.of("url", url, "events", List.of(events))));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().get("id").asLong();
    }
}
