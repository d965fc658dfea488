package io.tickettriage.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import io.tickettriage.access.AccessTokens;
import io.tickettriage.access.Role;
import io.tickettriage.realtime.EventStreamIT.Stream;
import io.tickettriage.support.Api;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Live events reach only those allowed to see them, over both transports: a requester hears of their own
 * tickets and public comments, never of another's tickets or of internal comments; agents hear everything.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "DATABASE_URL=sqlite:///target/it-${random.uuid}.db", "triage.knowledge.dir=target/knowledge-${random.uuid}",
        "triage.rate-limit-per-minute=0", "triage.realtime.access-check=500ms"})
class LiveEventAccessIT {

    @LocalServerPort
    int port;

    @Autowired
    AccessTokens tokens;

    @Test
    void eventsReachOnlyTheCallersAllowedToSeeThem() {
        String aliceToken = tokens.createApiToken("alice", Role.REQUESTER).secret();
        String bobToken = tokens.createApiToken("bob", Role.REQUESTER).secret();
        String agentToken = tokens.createApiToken("agent", Role.AGENT).secret();
        Api alice = new Api(port).withToken(aliceToken);
        Api bob = new Api(port).withToken(bobToken);
        Api agent = new Api(port).withToken(agentToken);

        try (Stream aliceSse = sse("?token=" + aliceToken, null);
                Stream bobSse = sse("", bobToken);
                Stream agentSse = sse("", agentToken);
                LiveSocket aliceSocket = LiveSocket.connectingWithToken(port, aliceToken, "websocket");
                LiveSocket bobSocket = LiveSocket.connectingWithToken(port, bobToken, "polling", "websocket");
                LiveSocket agentSocket = LiveSocket.connectingWithToken(port, agentToken, "websocket")) {
            aliceSocket.awaitConnected();
            bobSocket.awaitConnected();
            agentSocket.awaitConnected();
            // joining the room follows the connection acknowledgement; an event both hear proves they are in
            long warmUp = agent.post("/tickets", "{\"title\": \"Warm-up: projector bulb\"}").json().path("id")
                    .asLong();
            agentSocket.awaitEvent(LiveEvent.TICKET_CREATED, warmUp);

            long alices = alice.post("/tickets", "{\"title\": \"My laptop will not boot\"}").json().path("id")
                    .asLong();
            agent.post("/tickets/" + alices + "/comments", "{\"text\": \"Secret triage note\", \"internal\": true}");
            agent.post("/tickets/" + alices + "/comments", "{\"text\": \"We are on it\"}");
            long bobs = bob.post("/tickets", "{\"title\": \"VPN drops every five minutes\"}").json().path("id")
                    .asLong();

            // in commit order: once a later event arrived, an earlier one would have too
            aliceSse.await(LiveEvent.TICKET_CREATED, alices);
            agentSse.await(LiveEvent.TICKET_CREATED, bobs);
            bobSse.await(LiveEvent.TICKET_CREATED, bobs);
            agentSocket.awaitEvent(LiveEvent.TICKET_CREATED, bobs);
            bobSocket.awaitEvent(LiveEvent.TICKET_CREATED, bobs);
            aliceSocket.awaitEvent(LiveEvent.NEW_COMMENT, alices);
            await().atMost(Duration.ofSeconds(20)).until(() -> aliceSse.events().stream()
                    .anyMatch(event -> event.data().contains("We are on it")));
            await().atMost(Duration.ofSeconds(20)).until(() -> agentSse.events().stream()
                    .anyMatch(event -> event.name().equals(LiveEvent.TICKET_CREATED)
                            && event.json().path("id").asLong() == bobs));

            assertThat(bobSse.events()).noneMatch(event -> event.data().contains("laptop will not boot")
                    || event.data().contains("\"ticket_id\":" + alices) || event.data().contains("Warm-up"));
            assertThat(bobSocket.received()).noneMatch(event -> event.payload().path("id").asLong() == alices
                    || event.payload().path("ticket_id").asLong() == alices || event.payload().path("id")
                            .asLong() == warmUp);
            assertThat(aliceSse.events()).noneMatch(event -> event.data().contains("Secret triage note")
                    || event.data().contains("VPN drops"));
            assertThat(aliceSocket.received()).noneMatch(event -> event.payload().toString()
                    .contains("Secret triage note") || event.payload().path("id").asLong() == bobs);
            assertThat(aliceSocket.received()).anyMatch(event -> event.payload().toString().contains("We are on it"));

            await().atMost(Duration.ofSeconds(20)).until(() -> agentSocket.received().stream()
                    .anyMatch(event -> event.payload().toString().contains("Secret triage note")));
            assertThat(agentSse.events()).anyMatch(event -> event.data().contains("Secret triage note"));
        }
    }

    @Test
    void refusesLiveConnectionsWithoutAValidToken() {
        HttpResponse<String> sse = new Api(port).raw(new Api(port).request("/events?token=tt_forged").GET());
        assertThat(sse.statusCode()).isEqualTo(401);

        try (LiveSocket anonymous = LiveSocket.connecting(port, "websocket");
                LiveSocket forged = LiveSocket.connectingWithToken(port, "tt_forged", "polling")) {
            await().atMost(Duration.ofSeconds(20)).until(() -> !anonymous.refusals().isEmpty()
                    && !forged.refusals().isEmpty());
            await().atMost(Duration.ofSeconds(20)).until(() -> !anonymous.isConnected() && !forged.isConnected());
            new Api(port).withToken(tokens.createApiToken("erin", Role.AGENT).secret())
                    .post("/tickets", "{\"title\": \"Nobody unauthenticated hears this\"}");
            assertThat(anonymous.received()).isEmpty();
            assertThat(forged.received()).isEmpty();
        }
    }

    @Test
    void liveConnectionsEndWhenTheirTokenOrSessionEnds() {
        String admin = tokens.createApiToken("root", Role.ADMIN).secret();
        AccessTokens.IssuedToken revoked = tokens.createApiToken("frank", Role.AGENT);
        String session = session(tokens.createApiToken("grace", Role.AGENT).secret());
        Api agent = new Api(port).withToken(tokens.createApiToken("agent-2", Role.AGENT).secret());

        try (Stream revokedSse = sse("", revoked.secret());
                Stream sessionSse = Stream.open(port, "", Map.of("Cookie", session));
                LiveSocket revokedSocket = LiveSocket.connectingWithToken(port, revoked.secret(), "websocket")) {
            revokedSocket.awaitConnected();
            long before = agent.post("/tickets", "{\"title\": \"Heard before the end\"}").json().path("id").asLong();
            revokedSse.await(LiveEvent.TICKET_CREATED, before);
            sessionSse.await(LiveEvent.TICKET_CREATED, before);
            revokedSocket.awaitEvent(LiveEvent.TICKET_CREATED, before);

            assertThat(new Api(port).withToken(admin).delete("/tokens/" + revoked.id()).status()).isEqualTo(204);
            long sessionId = new Api(port).withToken(admin).get("/sessions").json().valueStream()
                    .filter(listed -> listed.path("name").asString().equals("grace")).findFirst().orElseThrow()
                    .path("id").asLong();
            assertThat(new Api(port).withToken(admin).delete("/sessions/" + sessionId).status()).isEqualTo(204);

            await().atMost(Duration.ofSeconds(20)).until(() -> !revokedSocket.isConnected()
                    && revokedSse.events().stream().anyMatch(event -> event.name().equals("access_ended"))
                    && sessionSse.events().stream().anyMatch(event -> event.name().equals("access_ended")));
            agent.post("/tickets/" + before + "/comments", "{\"text\": \"After the end\", \"internal\": true}");
            long after = agent.post("/tickets", "{\"title\": \"Heard after the end\"}").json().path("id").asLong();
            try (Stream witness = sse("", tokens.createApiToken("witness", Role.AGENT).secret())) {
                agent.post("/tickets", "{\"title\": \"Witness marker\"}");
                await().atMost(Duration.ofSeconds(20)).until(() -> witness.events().stream()
                        .anyMatch(event -> event.data().contains("Witness marker")));
            }
            assertThat(revokedSse.events()).noneMatch(event -> event.data().contains("After the end")
                    || event.data().contains("\"id\":" + after));
            assertThat(sessionSse.events()).noneMatch(event -> event.data().contains("After the end"));
            assertThat(revokedSocket.received()).noneMatch(event -> event.payload().path("id").asLong() == after);
        }
    }

    @Test
    void refusesACookieBearingWebSocketHandshakeFromAnotherOrigin() {
        String session = session(tokens.createApiToken("heidi", Role.AGENT).secret());
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.URI uri = java.net.URI.create("ws://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=websocket");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> http.newWebSocketBuilder()
                .header("Cookie", session).header("Origin", "http://evil.example.net")
                .buildAsync(uri, new java.net.http.WebSocket.Listener() { }).get(10, java.util.concurrent.TimeUnit.SECONDS))
                .hasCauseInstanceOf(java.net.http.WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((java.net.http.WebSocketHandshakeException) e.getCause()).getResponse()
                        .statusCode()).isEqualTo(403));

        // a page of the server's own origin is fine, and so is one of TRIAGE_CORS_ORIGINS (by default the
        // original design's dashboard)
        for (String origin : java.util.List.of("http://127.0.0.1:" + port, "http://localhost:3000")) {
            java.net.http.WebSocket allowed = http.newWebSocketBuilder().header("Cookie", session)
                    .header("Origin", origin)
                    .buildAsync(uri, new java.net.http.WebSocket.Listener() { }).join();
            allowed.abort();
        }
    }

    @Test
    void requestersSeeDuplicatesAmongTheirOwnTicketsOnly() {
        String carolToken = tokens.createApiToken("carol", Role.REQUESTER).secret();
        String daveToken = tokens.createApiToken("dave", Role.REQUESTER).secret();
        String agentToken = tokens.createApiToken("agent-3", Role.AGENT).secret();
        Api carol = new Api(port).withToken(carolToken);
        Api dave = new Api(port).withToken(daveToken);
        Api agent = new Api(port).withToken(agentToken);
        String text = "{\"title\": \"Payroll export to the bank fails with error 4711\", "
                + "\"description\": \"The monthly payroll file for the bank is rejected with code 4711.\"}";

        long carols = carol.post("/tickets", text).json().path("id").asLong();
        awaitRouted(agent, carols);
        try (Stream daveSse = sse("", daveToken);
                Stream agentSse = sse("", agentToken);
                LiveSocket daveSocket = LiveSocket.connectingWithToken(port, daveToken, "websocket")) {
            daveSocket.awaitConnected();
            long daves = dave.post("/tickets", text).json().path("id").asLong();
            awaitRouted(agent, daves);
            daveSse.await(LiveEvent.TICKET_ROUTED, daves);
            agentSse.await(LiveEvent.TICKET_ROUTED, daves);
            daveSocket.awaitEvent(LiveEvent.TICKET_ROUTED, daves);

            // agents see that dave's ticket reads like carol's: the field works, so its absence below means something
            assertThat(agent.get("/tickets/" + daves).json().path("possible_duplicates").toString())
                    .contains("\"id\":" + carols);
            assertThat(agentSse.events()).anyMatch(event -> event.name().equals(LiveEvent.TICKET_ROUTED)
                    && event.json().path("id").asLong() == daves
                    && event.json().path("possible_duplicates").toString().contains("\"id\":" + carols));

            assertThat(dave.get("/tickets/" + daves).json().path("possible_duplicates").isEmpty()).isTrue();
            assertThat(dave.get("/tickets").json().valueStream()
                    .filter(ticket -> ticket.path("id").asLong() == daves).findFirst().orElseThrow()
                    .path("possible_duplicates").isEmpty()).isTrue();
            assertThat(dave.get("/tickets?limit=10").body()).doesNotContain("\"id\":" + carols);
            assertThat(daveSse.events()).noneMatch(event -> event.data().contains("\"id\":" + carols));
            assertThat(daveSocket.received()).noneMatch(event -> event.payload().toString()
                    .contains("\"id\":" + carols));

            // among dave's own tickets a duplicate is shown to him
            long davesAgain = dave.post("/tickets", text).json().path("id").asLong();
            awaitRouted(agent, davesAgain);
            assertThat(dave.get("/tickets/" + davesAgain).json().path("possible_duplicates").toString())
                    .contains("\"id\":" + daves).doesNotContain("\"id\":" + carols);
            assertThat(dave.get("/tickets/" + davesAgain + "/explanation").status()).isEqualTo(403);
        }
    }

    private static void awaitRouted(Api agent, long id) {
        await().atMost(Duration.ofSeconds(60)).until(() -> !agent.get("/tickets/" + id).json().path("status")
                .asString().equals("pending"));
    }

    /** Opens a dashboard session the way the login page does; the Cookie header value. */
    private String session(String token) {
        HttpResponse<String> login = new Api(port).raw(new Api(port).request("/auth/session")
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"token\": \"" + token + "\"}")));
        assertThat(login.statusCode()).isEqualTo(200);
        String cookie = login.headers().allValues("Set-Cookie").stream()
                .filter(value -> value.startsWith("triage_session=")).findFirst().orElseThrow();
        return cookie.substring(0, cookie.indexOf(';'));
    }

    private Stream sse(String query, String bearer) {
        return Stream.open(port, query, bearer == null ? Map.of() : Map.of("Authorization", "Bearer " + bearer));
    }
}
