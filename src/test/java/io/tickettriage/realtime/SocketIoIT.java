package io.tickettriage.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.socket.engineio.client.transports.Polling;
import io.socket.engineio.client.transports.WebSocket;
import io.tickettriage.support.Api;
import io.tickettriage.ticket.TicketManagement;
import io.tickettriage.ticket.TicketManagement.NewTicket;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;

/** Socket.IO with the Java client over each transport, against the whole application on a real port. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "triage.auth=none", "DATABASE_URL=sqlite:///target/it-${random.uuid}.db", "triage.knowledge.dir=target/knowledge-${random.uuid}",
        "triage.realtime.keep-alive=200ms", "triage.realtime.max-connections-per-address=0"})
class SocketIoIT {

    /**
     * JSON equality where 1 and 1.0 are the same number: the Java client hands events over as org.json objects,
     * which print a whole double without its ".0".
     */
    private static void assertSameJson(tools.jackson.databind.JsonNode actual,
            tools.jackson.databind.JsonNode expected) {
        boolean same = actual.equals((x, y) -> x.isNumber() && y.isNumber()
                ? Double.compare(x.doubleValue(), y.doubleValue()) : x.equals(y) ? 0 : 1, expected);
        assertThat(same).as("%s%nis the same JSON as%n%s", actual, expected).isTrue();
    }

    @LocalServerPort
    int port;

    @Autowired
    TicketManagement tickets;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    SocketIoClients clients;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @ParameterizedTest
    @ValueSource(strings = {Polling.NAME, WebSocket.NAME})
    void sendsTicketCreatedThenTicketRoutedWithTheRestRepresentation(String transport) {
        try (LiveSocket socket = LiveSocket.connected(port, transport)) {
            JsonNode created = api.post("/tickets",
                    "{\"title\": \"Laptop will not power on\", \"description\": \"Even when plugged in\"}").json();
            long id = created.path("id").asLong();

            JsonNode createdEvent = socket.awaitEvent(LiveEvent.TICKET_CREATED, id);
            // published after commit: whoever hears of the ticket can read it at once
            assertThat(api.get("/tickets/" + id).status()).isEqualTo(200);
            JsonNode routedEvent = socket.awaitEvent(LiveEvent.TICKET_ROUTED, id);

            assertSameJson(createdEvent, created);
            assertThat(routedEvent.path("status").asString()).isEqualTo("routed");
            assertSameJson(routedEvent, api.get("/tickets/" + id).json());
            assertThat(socket.received().stream().map(LiveSocket.Received::name).toList())
                    .containsSubsequence(LiveEvent.TICKET_CREATED, LiveEvent.TICKET_ROUTED);
        }
    }

    @Test
    void sendsCommentsAsNewCommentAndOtherChangesOncePerChange() {
        try (LiveSocket socket = LiveSocket.connected(port, WebSocket.NAME)) {
            long id = api.post("/tickets", "{\"title\": \"Excel crashes on open\"}").json().path("id").asLong();
            socket.awaitEvent(LiveEvent.TICKET_ROUTED, id);

            JsonNode comment = api.post("/tickets/" + id + "/comments", "{\"text\": \"Reinstalled, still crashes\"}")
                    .json();
            assertSameJson(socket.awaitEvent(LiveEvent.NEW_COMMENT, id), comment);

            JsonNode closed = api.patch("/tickets/" + id + "/status?status=closed").json();
            assertSameJson(socket.awaitEvent(LiveEvent.TICKET_UPDATED, id), closed);

            assertThat(api.delete("/tickets/" + id).status()).isEqualTo(200);
            assertThat(socket.awaitEvent(LiveEvent.TICKET_DELETED, id).propertyNames()).containsExactly("id");

            assertThat(socket.received().stream()
                    .filter(event -> event.payload().path("id").asLong() == id
                            || event.payload().path("ticket_id").asLong() == id)
                    .map(LiveSocket.Received::name))
                    .containsExactly(LiveEvent.TICKET_CREATED, LiveEvent.TICKET_ROUTED, LiveEvent.NEW_COMMENT,
                            LiveEvent.TICKET_UPDATED, LiveEvent.TICKET_DELETED);
        }
    }

    @Test
    void neverSendsAChangeThatWasRolledBack() {
        try (LiveSocket socket = LiveSocket.connected(port, WebSocket.NAME)) {
            transactions.executeWithoutResult(status -> {
                tickets.create(new NewTicket("Rolled back ticket", "", null, null));
                status.setRollbackOnly();
            });
            long marker = tickets.create(new NewTicket("Committed ticket", "", null, null)).id();

            // events leave in commit order, so once the later ticket has arrived the earlier one never will
            socket.awaitEvent(LiveEvent.TICKET_CREATED, marker);
            assertThat(socket.received()).noneMatch(event -> "Rolled back ticket".equals(
                    event.payload().path("title").asString(null)));
        }
    }

    @Test
    void answersMalformedSocketIoRequestsWithTheProtocolsOwnClientErrors() {
        assertThat(api.get("/socket.io/?EIO=4&transport=carrier-pigeon").status()).isEqualTo(400);
        assertThat(api.get("/socket.io/?EIO=4&transport=polling&sid=no-such-session").status()).isEqualTo(400);
        assertThat(api.post("/socket.io/?EIO=4&transport=polling", "40").status()).isEqualTo(400);
    }

    @Test
    void acceptsAPollingMessageSentWithoutAContentLength() {
        String open = api.get("/socket.io/?EIO=4&transport=polling").body();
        String sid = open.replaceFirst("(?s).*\"sid\": ?\"([^\"]+)\".*", "$1");

        // chunked: the length is not known in advance
        Api.Reply joined = api.send("/socket.io/?EIO=4&transport=polling&sid=" + sid, "POST", "text/plain",
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream("40".getBytes(StandardCharsets.UTF_8))));

        assertThat(joined.status()).isEqualTo(200);
        assertThat(api.get("/socket.io/?EIO=4&transport=polling&sid=" + sid).body()).startsWith("40{\"sid\"");
    }

    @Test
    void twoHundredConnectedClientsAllReceiveAnEvent() {
        List<LiveSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                sockets.add(LiveSocket.connecting(port, WebSocket.NAME));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> sockets.stream().allMatch(LiveSocket::isConnected));
            assertThat(clients.connections()).isGreaterThanOrEqualTo(200);

            long id = tickets.create(new NewTicket("Whole floor lost the network", "", null, null)).id();

            await().atMost(Duration.ofSeconds(30)).until(() -> sockets.stream()
                    .allMatch(socket -> socket.find(LiveEvent.TICKET_CREATED, id).isPresent()));
        } finally {
            sockets.forEach(LiveSocket::close);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> clients.connections() < 200);
    }
}
