package io.tickettriage.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server on loopback that records what webhooks send it. Its answer to the n-th request (from 1) is a
 * status code chosen by the test, or {@link #HANG}: no answer until {@link #close}.
 */
final class Receiver implements AutoCloseable {

    static final int HANG = -1;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One request as received. */
    record Request(Map<String, List<String>> headers, String body) {

        String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().getFirst()).findFirst().orElse(null);
        }

        JsonNode json() {
            return JSON.readTree(body);
        }

        String deliveryId() {
            return header("X-Triage-Delivery");
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile IntUnaryOperator answer;

    private Receiver(int port, IntUnaryOperator answer) {
        this.answer = answer;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 100);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** Answers 200 to everything. */
    static Receiver start() {
        return start(0, n -> 200);
    }

    static Receiver start(int port, IntUnaryOperator answer) {
        return new Receiver(port, answer);
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url() {
        return "http://127.0.0.1:" + port() + "/hook";
    }

    void answer(IntUnaryOperator answer) {
        this.answer = answer;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Requests being held without an answer right now. */
    int hanging() {
        return waiting.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            Request request = new Request(Map.copyOf(exchange.getRequestHeaders()),
                    new String(body.readAllBytes(), StandardCharsets.UTF_8));
            int status = answer.applyAsInt(count.incrementAndGet());
            requests.add(request);
            if (status == HANG) {
                waiting.incrementAndGet();
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    waiting.decrementAndGet();
                }
                return;
            }
            exchange.sendResponseHeaders(status, -1);
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
