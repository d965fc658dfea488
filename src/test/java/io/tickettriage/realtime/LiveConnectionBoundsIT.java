package io.tickettriage.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.tickettriage.access.AccessTokens;
import io.tickettriage.access.Role;
import io.tickettriage.support.Api;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Live connections that anonymous or greedy clients open: closed when they never identify themselves, released
 * when closed, bounded per address, per caller and in all; and malformed packets refused without noise.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "DATABASE_URL=sqlite:///target/it-${random.uuid}.db", "triage.knowledge.dir=target/knowledge-${random.uuid}",
        "triage.realtime.join-timeout=4s", "triage.realtime.max-connections-per-address=10",
        "triage.realtime.max-connections-per-caller=3", "triage.realtime.max-connections=12",
        "triage.realtime.keep-alive=500ms"})
@ExtendWith(OutputCaptureExtension.class)
class LiveConnectionBoundsIT {

    @LocalServerPort
    int port;

    @Autowired
    SocketIoClients clients;

    @Autowired
    LiveConnections live;

    @Autowired
    AccessTokens tokens;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void nothingOpen() {
        await().atMost(Duration.ofSeconds(20)).until(() -> live.open() == 0 && clients.connections() == 0);
    }

    @Test
    void closesAndReleasesAnonymousWebSocketsThatNeverJoin() throws Exception {
        // three rounds of a whole address's share: a round is refused unless the previous one was released
        for (int round = 0; round < 3; round++) {
            List<WebSocket> sockets = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                sockets.add(openWebSocket());
            }
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(clients.connections()).isZero();
                assertThat(live.open()).isZero();
            });
        }
    }

    @Test
    void refusesHandshakesPastTheAddressShareUntilPlacesAreFree() throws Exception {
        List<WebSocket> sockets = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sockets.add(openWebSocket());
        }

        assertThatThrownBy(this::openWebSocket).hasCauseInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode())
                        .isEqualTo(429));
        HttpResponse<String> polling = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=polling")).build(),
                BodyHandlers.ofString());
        assertThat(polling.statusCode()).isEqualTo(429);
        assertThat(polling.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(polling.headers().firstValue("Retry-After")).isPresent();

        await().atMost(Duration.ofSeconds(20)).until(() -> live.open() == 0);
        openWebSocket().abort();
    }

    @Test
    void boundsEventStreamsPerCallerWith429AndInAllWith503(CapturedOutput output) {
        List<EventStreamIT.Stream> streams = new ArrayList<>();
        try {
            String alice = tokens.createApiToken("alice", Role.REQUESTER).secret();
            for (int i = 0; i < 3; i++) {
                streams.add(EventStreamIT.Stream.open(port, "", Map.of("Authorization", "Bearer " + alice)));
            }
            Api.Reply fourth = new Api(port).withToken(alice).get("/events");
            assertThat(fourth.status()).isEqualTo(429);
            assertThat(fourth.contentType()).isEqualTo("application/problem+json");

            for (int caller = 0; caller < 3; caller++) {
                String token = tokens.createApiToken("requester-" + caller, Role.REQUESTER).secret();
                for (int i = 0; i < 3; i++) {
                    streams.add(EventStreamIT.Stream.open(port, "", Map.of("Authorization", "Bearer " + token)));
                }
            }
            String bob = tokens.createApiToken("bob", Role.REQUESTER).secret();
            Api.Reply full = new Api(port).withToken(bob).get("/events");
            assertThat(full.status()).isEqualTo(503);
            assertThat(new Api(port).get("/actuator/health").status()).isEqualTo(200);
        } finally {
            streams.forEach(EventStreamIT.Stream::close);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> live.open() == 0);
        // the end of each stream is quiet
        assertThat(output.getAll()).doesNotContain("AuthorizationDeniedException");
    }

    @Test
    void refusesMalformedPollingPacketsWith400AndOneShortLogLine(CapturedOutput output) throws Exception {
        String sid = pollingHandshake();
        String nested = "42" + "[".repeat(2_000);
        for (int i = 0; i < 20; i++) {
            for (String packet : List.of(nested, "9", "4" + "[".repeat(500))) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=polling&sid=" + sid))
                        .header("Content-Type", "text/plain;charset=UTF-8")
                        .POST(BodyPublishers.ofString(packet)).build(), BodyHandlers.ofString());
                assertThat(response.statusCode()).as(packet.substring(0, Math.min(packet.length(), 10)))
                        .isIn(200, 400);
            }
        }
        HttpResponse<String> nine = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/socket.io/?EIO=4&transport=polling&sid=" + pollingHandshake()))
                .POST(BodyPublishers.ofString("9")).build(), BodyHandlers.ofString());
        assertThat(nine.statusCode()).isEqualTo(400);

        assertThat(output.getAll()).doesNotContain("\tat org.json").doesNotContain("NullPointerException")
                .doesNotContain("Internal Server Error");
        assertThat(output.getAll().lines().filter(line -> line.contains("malformed Socket.IO packet")).count())
                .isLessThanOrEqualTo(1);
    }

    private String pollingHandshake() throws Exception {
        HttpResponse<String> open = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=polling")).build(),
                BodyHandlers.ofString());
        assertThat(open.statusCode()).isEqualTo(200);
        String body = open.body();
        int start = body.indexOf("\"sid\":\"") + 7;
        return body.substring(start, body.indexOf('"', start));
    }

    private WebSocket openWebSocket() throws InterruptedException, ExecutionException,
            java.util.concurrent.TimeoutException {
        return http.newWebSocketBuilder().buildAsync(
                URI.create("ws://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=websocket"), new Silent())
                .get(10, TimeUnit.SECONDS);
    }

    /** Reads what the server sends and never answers, as a client that does not speak Socket.IO. */
    private static final class Silent implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            socket.request(1);
            return CompletableFuture.completedFuture(null);
        }
    }
}
