package io.tickettriage.support;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OpenAI-compatible Chat Completions server on loopback that answers from a script and records every
 * request, so tests can see exactly what would have been sent to a real provider.
 */
public final class FakeOpenAi implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A request as the server received it. */
    public record Call(String path, String query, Map<String, String> headers, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        /** The text of the system and user messages. */
        public String prompt() {
            StringBuilder text = new StringBuilder();
            json().path("messages").forEach(m -> text.append(m.path("content").asString()).append('\n'));
            return text.toString();
        }
    }

    /** What to send back; {@code hold} keeps the request open that long first (or until the server closes). */
    public record Reply(int status, Map<String, String> headers, String body, long holdMillis) {

        public Reply withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Reply(status, more, body, holdMillis);
        }

        public Reply heldFor(long millis) {
            return new Reply(status, headers, body, millis);
        }
    }

    private final LoopbackServer server;
    private final Deque<Reply> script = new ConcurrentLinkedDeque<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private volatile Function<Call, Reply> otherwise =
            call -> status(500, "{\"error\":{\"message\":\"no reply scripted\"}}");

    private FakeOpenAi() {
        server = new LoopbackServer(this::handle);
    }

    public static FakeOpenAi start() {
        return new FakeOpenAi();
    }

    /** The base URL a client is configured with, {@code /chat/completions} being appended by the client. */
    public String baseUrl() {
        return server.url() + "/v1";
    }

    public String root() {
        return server.url();
    }

    /** Queues replies for the next requests, in order. */
    public FakeOpenAi then(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    /** What requests get once the script is used up. */
    public FakeOpenAi otherwise(Function<Call, Reply> replies) {
        this.otherwise = replies;
        return this;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public Call lastCall() {
        return calls.getLast();
    }

    /** The most requests the server was ever handling at once. */
    public int mostInFlight() {
        return mostInFlight.get();
    }

    public void reset() {
        script.clear();
        calls.clear();
    }

    public static Reply answer(String team, String priority, String level, String reason) {
        ObjectNode content = JSON.createObjectNode().put("reason", reason).put("team", team)
                .put("priority", priority).put("level", level);
        return content(JSON.writeValueAsString(content));
    }

    /** A well-formed completion whose message content is {@code content}, whatever that is. */
    public static Reply content(String content) {
        ObjectNode completion = JSON.createObjectNode().put("id", "chatcmpl-fake").put("object", "chat.completion")
                .put("created", 1_700_000_000L).put("model", "fake-model");
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content).putNull("refusal");
        return new Reply(200, Map.of("Content-Type", "application/json"), JSON.writeValueAsString(completion), 0);
    }

    public static Reply status(int status, String body) {
        return new Reply(status, Map.of("Content-Type", "application/json"), body, 0);
    }

    /** Keeps the request open until the server is closed: a model that never answers. */
    public static Reply silence() {
        return status(504, "{}").heldFor(Long.MAX_VALUE);
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        mostInFlight.accumulateAndGet(now, Math::max);
        try (exchange) {
            if (exchange.getRequestURI().getPath().startsWith("/actuator/")) {
                // Not a model call: an application under test elsewhere on this machine, polling for its health a
                // port it had chosen and this server then took. Answered and left out of the calls a test counts.
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            Call call = record(exchange);
            Reply scripted = script.poll();
            Reply reply = scripted != null ? scripted : otherwise.apply(call);
            if (reply.holdMillis() > 0) {
                server.hold(reply.holdMillis());
            }
            LoopbackServer.send(exchange, reply.status(), reply.headers(), reply.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client gave up on this request (a timeout): nothing left to answer.
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private Call record(HttpExchange exchange) throws IOException {
        Call call = new Call(exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(),
                LoopbackServer.headers(exchange), LoopbackServer.body(exchange));
        calls.add(call);
        return call;
    }

    @Override
    public void close() {
        server.close();
    }

    /** Every recorded request body, for assertions over all of them. */
    public List<String> bodies() {
        List<String> bodies = new ArrayList<>();
        calls.forEach(call -> bodies.add(call.body()));
        return bodies;
    }
}
