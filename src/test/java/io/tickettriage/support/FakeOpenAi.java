package io.tickettriage.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

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

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Deque<Reply> script = new ConcurrentLinkedDeque<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private volatile Function<Call, Reply> otherwise =
            call -> status(500, "{\"error\":{\"message\":\"no reply scripted\"}}");

    private FakeOpenAi() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeOpenAi start() {
        return new FakeOpenAi();
    }

    /** The base URL a client is configured with, {@code /chat/completions} being appended by the client. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public String root() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
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
                closing.await(Math.min(reply.holdMillis(), 30_000), TimeUnit.MILLISECONDS);
            }
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client gave up on this request (a timeout): nothing left to answer.
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private Call record(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(java.util.Locale.ROOT), String.join(",", values)));
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Call call = new Call(exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(), headers,
                body);
        calls.add(call);
        return call;
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    /** Every recorded request body, for assertions over all of them. */
    public List<String> bodies() {
        List<String> bodies = new ArrayList<>();
        calls.forEach(call -> bodies.add(call.body()));
        return bodies;
    }
}
