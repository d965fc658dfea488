package io.tickettriage.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.tickettriage.support.Api;
import io.tickettriage.support.FreePorts;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/**
 * Webhooks delivered over real HTTP to receivers on loopback (allowed here by the setting that keeps them off by
 * default), with short retry waits so that retries happen within a test.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "triage.auth=none", "DATABASE_URL=sqlite:///target/it-${random.uuid}.db",
        "triage.knowledge.dir=target/knowledge-${random.uuid}", "triage.rate-limit-per-minute=0",
        "triage.webhooks.allow-private=true", "triage.webhooks.retry-initial=100ms",
        "triage.webhooks.retry-max-wait=400ms", "triage.webhooks.poll-interval=100ms",
        "triage.webhooks.request-timeout=60s"})
class WebhooksIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

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
    void deliversSignedEventsCarryingTheRestRepresentation() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            JsonNode hook = subscribe(receiver.url(), "ticket_created", "ticket_routed");
            String secret = hook.get("secret").asString();
            JsonNode created = api.post("/tickets", Api.json(Map.of("title", "Printer on floor 3 is jammed"))).json();
            long id = created.get("id").asLong();

            Receiver.Request routed = awaitEvent(receiver, "ticket_routed", id);
            Receiver.Request createdEvent = awaitEvent(receiver, "ticket_created", id);

            for (Receiver.Request request : List.of(createdEvent, routed)) {
                String timestamp = request.header("X-Triage-Timestamp");
                assertThat(request.header("X-Triage-Signature")).isEqualTo("sha256=" + hmac(secret,
                        timestamp + "." + request.body()));
                assertThat(request.header("X-Triage-Event")).isEqualTo(request.json().get("event").asString());
                assertThat(request.header("X-Triage-Delivery")).isEqualTo(request.json().get("delivery_id").asString());
                assertThat(request.header("Content-Type")).isEqualTo("application/json");
                assertThat(request.json().get("occurred_at").asString()).endsWith("Z");
                // a tampered body no longer matches
                assertThat(request.header("X-Triage-Signature")).isNotEqualTo("sha256=" + hmac(secret,
                        timestamp + "." + request.body().replace("Printer", "Scanner")));
            }
            assertThat(createdEvent.json().get("data")).isEqualTo(created);
            assertThat(routed.json().get("data")).isEqualTo(api.get("/tickets/" + id).json());

            long webhookId = hook.get("id").asLong();
            await().atMost(Duration.ofSeconds(10)).until(() -> deliveries(webhookId).valueStream()
                    .allMatch(d -> d.get("state").asString().equals("delivered")));
            JsonNode listed = deliveries(webhookId);
            assertThat(listed).hasSize(2);
            assertThat(listed.get(0).get("event").asString()).isEqualTo("ticket_routed"); // most recent first
            assertThat(listed.get(0).get("attempts").asInt()).isEqualTo(1);
            assertThat(listed.get(0).get("last_status").asInt()).isEqualTo(200);
            assertThat(listed.get(0).get("delivered_at").isNull()).isFalse();

            // the secret is shown once: not listed, and not readable from the database
            assertThat(api.get("/webhooks/" + webhookId).body()).doesNotContain(secret).doesNotContain("secret");
            assertThat(api.get("/webhooks").body()).doesNotContain(secret);
            String stored = jdbc.sql("SELECT secret FROM webhooks WHERE id = ?").param(webhookId).query(String.class)
                    .single();
            assertThat(stored).startsWith("v1:").doesNotContain(secret);
        }
    }

    @Test
    void retriesAfterServerErrorsWithTheSameDeliveryAndBody() {
        try (Receiver receiver = Receiver.start(0, n -> n <= 2 ? 500 : 200)) {
            long webhookId = subscribe(receiver.url(), "ticket_created").get("id").asLong();
            api.post("/tickets", Api.json(Map.of("title", "Outlook keeps asking for my password")));

            JsonNode delivery = awaitDelivery(webhookId, "delivered");

            assertThat(delivery.get("attempts").asInt()).isEqualTo(3);
            assertThat(receiver.requests()).hasSize(3);
            assertThat(receiver.requests().stream().map(Receiver.Request::deliveryId).distinct())
                    .containsExactly(delivery.get("id").asString());
            assertThat(receiver.requests().stream().map(Receiver.Request::body).distinct()).hasSize(1);
        }
    }

    @Test
    void retriesWhileTheReceiverIsDownAndDeliversOnceItIsBack() throws IOException {
        int port = FreePorts.next();
        long webhookId = subscribe("http://127.0.0.1:" + port + "/hook", "ticket_created").get("id").asLong();
        api.post("/tickets", Api.json(Map.of("title", "VPN drops every five minutes")));

        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
            JsonNode delivery = deliveries(webhookId).get(0);
            return delivery.get("attempts").asInt() >= 3 && delivery.get("state").asString().equals("pending")
                    && delivery.get("last_error").asString().contains("connection");
        });
        assertThat(deliveries(webhookId).get(0).get("next_attempt_at").isNull()).isFalse();

        try (Receiver receiver = Receiver.start(port, n -> 200)) {
            JsonNode delivery = awaitDelivery(webhookId, "delivered");
            assertThat(receiver.requests()).isNotEmpty().allSatisfy(
                    request -> assertThat(request.deliveryId()).isEqualTo(delivery.get("id").asString()));
        }
    }

    @Test
    void aClientErrorFailsTheDeliveryAtOnce() {
        try (Receiver receiver = Receiver.start(0, n -> 400)) {
            long webhookId = subscribe(receiver.url(), "ticket_created").get("id").asLong();
            api.post("/tickets", Api.json(Map.of("title", "Keyboard missing keys")));
            JsonNode first = awaitDelivery(webhookId, "failed");
            assertThat(first.get("attempts").asInt()).isEqualTo(1);
            assertThat(first.get("last_status").asInt()).isEqualTo(400);
            assertThat(first.get("next_attempt_at").isNull()).isTrue();

            // a later event goes through the same steps; the first is still not tried again
            api.post("/tickets", Api.json(Map.of("title", "Monitor flickers")));
            await().atMost(Duration.ofSeconds(10)).until(() -> deliveries(webhookId).size() == 2
                    && deliveries(webhookId).get(0).get("state").asString().equals("failed"));
            assertThat(deliveries(webhookId).get(1).get("attempts").asInt()).isEqualTo(1);
            assertThat(receiver.requests()).hasSize(2);
        }
    }

    @Test
    void internalCommentsGoOnlyToSubscriptionsThatAskForThem() {
        try (Receiver plain = Receiver.start(); Receiver internal = Receiver.start()) {
            long plainId = subscribe(plain.url(), "new_comment").get("id").asLong();
            long internalId = api.post("/webhooks", Api.json(Map.of("url", internal.url(), "events",
                    List.of("new_comment"), "internal_comments", true))).json().get("id").asLong();
            long ticket = api.post("/tickets", Api.json(Map.of("title", "Laptop battery swollen"))).json().get("id")
                    .asLong();
            api.post("/tickets/" + ticket + "/comments", Api.json(Map.of("text", "Seen it before")));
            api.post("/tickets/" + ticket + "/comments", Api.json(Map.of("text", "Agent note", "internal", true)));

            // deliveries are recorded with the comment, so the lists are complete once the requests returned
            assertThat(deliveries(plainId)).hasSize(1);
            assertThat(deliveries(internalId)).hasSize(2);
            await().atMost(Duration.ofSeconds(10)).until(() -> internal.requests().size() == 2);
            await().atMost(Duration.ofSeconds(10)).until(() -> plain.requests().size() == 1);
            assertThat(plain.requests().getFirst().json().get("data").get("text").asString()).isEqualTo("Seen it before");
        }
    }

    @Test
    void redeliverySendsTheSameEventUnderANewDeliveryId() {
        try (Receiver receiver = Receiver.start()) {
            long webhookId = subscribe(receiver.url(), "*").get("id").asLong();
            long ticket = api.post("/tickets", Api.json(Map.of("title", "Mouse double-clicks"))).json().get("id")
                    .asLong();
            Receiver.Request original = awaitEvent(receiver, "ticket_created", ticket);

            Api.Reply reply = api.post("/webhooks/" + webhookId + "/deliveries/" + original.deliveryId()
                    + "/redeliver", "");
            assertThat(reply.status()).isEqualTo(202);
            String copyId = reply.json().get("id").asString();
            assertThat(copyId).isNotEqualTo(original.deliveryId());
            assertThat(reply.json().get("redelivery_of").asString()).isEqualTo(original.deliveryId());

            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.requests().stream()
                    .anyMatch(request -> copyId.equals(request.deliveryId())));
            Receiver.Request copy = receiver.requests().stream().filter(r -> copyId.equals(r.deliveryId()))
                    .findFirst().orElseThrow();
            assertThat(copy.json().get("data")).isEqualTo(original.json().get("data"));
            assertThat(copy.json().get("occurred_at")).isEqualTo(original.json().get("occurred_at"));
            assertThat(api.post("/webhooks/" + webhookId + "/deliveries/nope/redeliver", "").status()).isEqualTo(404);
        }
    }

    @Test
    void aPausedSubscriptionGetsNoDeliveriesAndChangesAreKept() {
        try (Receiver receiver = Receiver.start()) {
            long webhookId = subscribe(receiver.url(), "ticket_created").get("id").asLong();
            JsonNode paused = api.patch("/webhooks/" + webhookId, "{\"active\": false, \"events\": [\"ticket_routed\","
                    + " \"ticket_created\"], \"description\": \"on-call\"}").json();
            assertThat(paused.get("active").asBoolean()).isFalse();
            assertThat(paused.get("description").asString()).isEqualTo("on-call");
            assertThat(paused.get("events").valueStream().map(JsonNode::asString))
                    .containsExactly("ticket_routed", "ticket_created");

            api.post("/tickets", Api.json(Map.of("title", "Docking station dead")));
            assertThat(deliveries(webhookId)).isEmpty();
        }
    }

    @Test
    void refusesBadSubscriptionsWithClearProblems() {
        assertProblem(api.post("/webhooks", "{\"url\": \"ftp://example.org/x\", \"events\": [\"*\"]}"), 422, "http");
        assertProblem(api.post("/webhooks", "{\"events\": [\"*\"]}"), 422, "url is required");
        assertProblem(api.post("/webhooks", "{\"url\": \"http://127.0.0.1:9/x\", \"events\": [\"ticket_exploded\"]}"),
                422, "Unknown event 'ticket_exploded'");
        assertProblem(api.post("/webhooks", "{\"url\": \"http://127.0.0.1:9/x\", \"events\": []}"), 422, "events");
        assertProblem(api.post("/webhooks", "{\"url\": \"http://127.0.0.1:9/x\", \"events\": [\"*\"], "
                + "\"secret\": \"short\"}"), 422, "secret");
        assertProblem(api.post("/webhooks", "{\"url\": \"http://u:p@127.0.0.1:9/x\", \"events\": [\"*\"]}"), 422,
                "password");
        assertProblem(api.post("/webhooks", "{\"url\": \"http://127.0.0.1:9/" + "x".repeat(2100)
                + "\", \"events\": [\"*\"]}"), 422, "at most");
        assertProblem(api.post("/webhooks", "{\"url\": \"http://127.0.0.1:9/x\", \"events\": [\"*\"], "
                + "\"description\": \"" + "d".repeat(600) + "\"}"), 422, "description");
        assertThat(api.post("/webhooks", "{\"url\": ").status()).isEqualTo(400);
        assertProblem(api.get("/webhooks/999999"), 404, "No webhook");
        assertProblem(api.get("/webhooks/abc"), 404, "No webhook");
        assertProblem(api.patch("/webhooks/999999", "{\"active\": true}"), 404, "No webhook");
        assertProblem(api.delete("/webhooks/999999"), 404, "No webhook");
        long id = subscribe("http://127.0.0.1:9/x", "*").get("id").asLong();
        assertProblem(api.get("/webhooks/" + id + "/deliveries?limit=0"), 422, "limit");
        assertProblem(api.get("/webhooks/" + id + "/deliveries?limit=x"), 422, "limit");
        assertProblem(api.patch("/webhooks/" + id, "{\"url\": \"gopher://x\"}"), 422, "http");
        // every wrong field in one answer, not one refusal at a time
        Api.Reply several = api.post("/webhooks", "{\"url\": \"gopher://x\", \"events\": [\"ticket_exploded\"], "
                + "\"secret\": \"short\"}");
        assertProblem(several, 422, "Unknown event 'ticket_exploded'");
        assertThat(several.json().get("errors").valueStream().map(error -> error.get("field").asString()))
                .containsExactly("url", "events", "secret");
        Api.Reply changes = api.patch("/webhooks/" + id, "{\"events\": [], \"description\": \""
                + "d".repeat(600) + "\"}");
        assertThat(changes.json().get("errors").valueStream().map(error -> error.get("field").asString()))
                .as(changes.body()).containsExactly("events", "description");
        assertThat(api.get("/webhooks").json()).hasSize(1);
        assertThat(api.delete("/webhooks/" + id).status()).isEqualTo(204);
        assertThat(api.get("/webhooks").json()).isEmpty();
    }

    /**
     * A receiver that never answers holds only its own deliveries: tickets are routed and the other subscriptions
     * get every event while it still holds its first requests.
     */
    @Test
    void aHangingReceiverDelaysNeitherRoutingNorTheOtherSubscriptions() {
        int tickets = 200;
        try (Receiver hanging = Receiver.start(0, n -> Receiver.HANG); Receiver first = Receiver.start();
                Receiver second = Receiver.start()) {
            for (Receiver receiver : List.of(hanging, first, second)) {
                subscribe(receiver.url(), "ticket_routed");
            }
            List<Long> ids = new ArrayList<>();
            List<Long> submitted = new ArrayList<>();
            for (int i = 0; i < tickets; i++) {
                submitted.add(System.nanoTime());
                ids.add(api.post("/tickets", Api.json(Map.of("title", "Cannot reach the file share #" + i,
                        "description", "Mapped drive shows disconnected since this morning."))).json().get("id")
                        .asLong());
            }
            await().atMost(Duration.ofSeconds(120)).until(() -> routedIds(first).containsAll(ids)
                    && routedIds(second).containsAll(ids));

            for (long id : ids) {
                assertThat(api.get("/tickets/" + id).json().get("status").asString()).isEqualTo("routed");
            }
            // every one of the hanging receiver's requests is still unanswered, and no more of them were sent at once
            // than one subscription's share
            await().atMost(Duration.ofSeconds(10)).until(() -> hanging.hanging() == hanging.requests().size());
            assertThat(hanging.requests().size()).isBetween(1, 4);
            // each event once: no receiver that answers was sent anything twice
            assertThat(first.requests().stream().map(Receiver.Request::deliveryId).distinct())
                    .hasSize(first.requests().size());
        }
    }

    private Set<Long> routedIds(Receiver receiver) {
        return receiver.requests().stream().map(Receiver.Request::json)
                .filter(json -> json.get("event").asString().equals("ticket_routed"))
                .map(json -> json.get("data").get("id").asLong()).collect(Collectors.toSet());
    }

    private JsonNode subscribe(String url, String... events) {
        Api.Reply reply = api.post("/webhooks", Api.json(Map.of("url", url, "events", List.of(events))));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.json().get("secret").asString()).startsWith("whsec_");
        return reply.json();
    }

    private JsonNode deliveries(long webhookId) {
        return api.get("/webhooks/" + webhookId + "/deliveries").json();
    }

    private JsonNode awaitDelivery(long webhookId, String state) {
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> deliveries(webhookId).size() == 1
                && deliveries(webhookId).get(0).get("state").asString().equals(state));
        return deliveries(webhookId).get(0);
    }

    private static Receiver.Request awaitEvent(Receiver receiver, String event, long ticketId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> find(receiver, event, ticketId) != null);
        return find(receiver, event, ticketId);
    }

    private static Receiver.Request find(Receiver receiver, String event, long ticketId) {
        return receiver.requests().stream().filter(r -> r.json().get("event").asString().equals(event)
                && r.json().get("data").get("id").asLong() == ticketId).findFirst().orElse(null);
    }

    private static void assertProblem(Api.Reply reply, int status, String detail) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("detail").asString()).contains(detail);
    }

    private static String hmac(String secret, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }
}
