package io.tickettriage.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for tests that need to send exactly what a client would, malformed bodies included. */
public final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String authorization;

    public Api(int port) {
        this("http://127.0.0.1:" + port, null);
    }

    private Api(String base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /** The same client sending {@code Authorization: Bearer <token>} with every request. */
    public Api withToken(String token) {
        return new Api(base, "Bearer " + token);
    }

    public record Reply(int status, String contentType, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }
    }

    public Reply get(String path) {
        return send(request(path).GET());
    }

    public Reply delete(String path) {
        return send(request(path).DELETE());
    }

    public Reply post(String path, String json) {
        return send(path, "POST", "application/json", BodyPublishers.ofString(json));
    }

    public Reply patch(String path, String json) {
        return send(path, "PATCH", "application/json", BodyPublishers.ofString(json));
    }

    public Reply patch(String path) {
        return send(request(path).method("PATCH", BodyPublishers.noBody()));
    }

    public Reply send(String path, String method, String contentType, BodyPublisher body) {
        return send(request(path).header("Content-Type", contentType).method(method, body));
    }

    public HttpResponse<String> raw(HttpRequest.Builder builder) {
        try {
            return http.send(builder.build(), BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpClient http() {
        return http;
    }

    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        return authorization == null ? builder : builder.header("Authorization", authorization);
    }

    private Reply send(HttpRequest.Builder builder) {
        HttpResponse<String> response = raw(builder);
        return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    public static String json(Object value) {
        return JSON.writeValueAsString(value);
    }
}
