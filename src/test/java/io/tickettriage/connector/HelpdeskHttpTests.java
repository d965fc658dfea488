package io.tickettriage.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP every connector shares, against a helpdesk on loopback that answers what each test scripts: which calls
 * are tried again, how long an answer may take, and what a failure's message may never contain.
 */
class HelpdeskHttpTests {

    private static final String TOKEN = "tok-5f1e9c0d2b";

    private final Queue<Scripted> script = new ConcurrentLinkedQueue<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final HttpServer server = start();

    /** One scripted answer; {@code stallBody} sends the headers and then holds the body back. */
    private record Scripted(int status, String body, boolean stallBody) {
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }

    private HttpServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            http.createContext("/", this::answer);
            http.setExecutor(handlers);
            http.start();
            return http;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        calls.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
        Scripted next = script.poll();
        Scripted answer = next == null ? new Scripted(200, "{\"ok\": true}", false) : next;
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (answer.stallBody()) {
                out.write(body, 0, 1);
                out.flush();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                out.write(body, 1, body.length - 1);
            } else {
                out.write(body);
            }
        }
    }

    private HelpdeskHttp http(boolean retryWrites, Duration timeout) {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api");
        return new HelpdeskHttp("Desk", base, new HelpdeskHttp.Settings(3, timeout, Duration.ofMillis(10),
                Duration.ofSeconds(1), retryWrites), body -> body.path("error").asString(null), List.of(TOKEN),
                Clock.systemUTC(), waits::add);
    }

    @Test
    void triesReadsAgainOnTransientFaultsButAWriteOnlyWhereTheConnectorAllowsIt() throws Exception {
        script.add(new Scripted(503, "", false));
        script.add(new Scripted(502, "", false));
        HelpdeskHttp readsOnly = http(false, Duration.ofSeconds(5));
        assertThat(readsOnly.send("GET", "/tickets/1", null, Map.of()).path("ok").asBoolean()).isTrue();
        assertThat(calls).containsExactly("GET /api/tickets/1", "GET /api/tickets/1", "GET /api/tickets/1");

        calls.clear();
        script.add(new Scripted(503, "", false));
        assertThatThrownBy(() -> readsOnly.send("POST", "/notes", Map.of("a", 1), Map.of()))
                .isInstanceOfSatisfying(HelpdeskException.class, e -> assertThat(e.isTransient()).isTrue());
        assertThat(calls).containsExactly("POST /api/notes");

        calls.clear();
        script.add(new Scripted(503, "", false));
        http(true, Duration.ofSeconds(5)).send("POST", "/notes", Map.of("a", 1), Map.of());
        assertThat(calls).containsExactly("POST /api/notes", "POST /api/notes");
    }

    @Test
    void neverTriesA4xxAgainAndSaysWhatTheHelpdeskAnswered() {
        script.add(new Scripted(404, "{\"error\": \"Couldn't find Ticket\"}", false));

        assertThatThrownBy(() -> http(true, Duration.ofSeconds(5)).send("GET", "/tickets/9?expand=true", null,
                Map.of())).isInstanceOfSatisfying(HelpdeskException.class, e -> {
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.getMessage()).isEqualTo("Desk answered 404 to GET /tickets/9 (no such ticket, or a "
                            + "wrong URL): Couldn't find Ticket");
                });
        assertThat(calls).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void anAnswerWhoseBodyDoesNotArriveInTimeIsATransientFault() {
        script.add(new Scripted(200, "{\"ok\": true}", true));
        script.add(new Scripted(200, "{\"ok\": true}", true));
        script.add(new Scripted(200, "{\"ok\": true}", true));

        assertThatThrownBy(() -> http(true, Duration.ofMillis(400)).send("GET", "/tickets/1", null, Map.of()))
                .isInstanceOfSatisfying(HelpdeskException.class, e -> {
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.getMessage()).isEqualTo("Desk did not answer GET /tickets/1 within 400 ms");
                });
        assertThat(waits).hasSize(2);
    }

    @Test
    void blanksOutTheConnectorsSecretsAndTheCallsCredentialsWhateverEchoesThem() {
        String session = "session-8d7c6b5a";
        script.add(new Scripted(400, "{\"error\": \"bad token " + TOKEN + " for session " + session + "\"}", false));
        script.add(new Scripted(200, "<html>login as " + session + "</html>", false));
        HelpdeskHttp http = http(true, Duration.ofSeconds(5));
        Map<String, String> headers = Map.of("Authorization", "Token token=" + session, "Content-Type",
                "application/json");

        assertThatThrownBy(() -> http.send("GET", "/a", null, headers)).hasMessage(
                "Desk answered 400 to GET /a: bad token *** for session ***");
        assertThatThrownBy(() -> http.send("GET", "/b", null, headers))
                .hasMessageContaining("<html>login as ***</html>").hasMessageNotContaining(session);
    }
}
