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
        "triage.rate-limit-per-minute=0"})
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

    private Stream sse(String query, String bearer) {
        return Stream.open(port, query, bearer == null ? Map.of() : Map.of("Authorization", "Bearer " + bearer));
    }
}
