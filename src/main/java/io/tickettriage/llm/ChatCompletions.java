package io.tickettriage.llm;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.tickettriage.system.Backoff;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One POST to {@code <base URL>/chat/completions}, with a hard time limit, and what its result means for the
 * caller: a body to read, something worth retrying, a request the server cannot take as it is, or a failure
 * that retrying will not cure.
 */
final class ChatCompletions implements AutoCloseable {

    sealed interface Outcome {
    }

    record Replied(String body) implements Outcome {
    }

    record Retryable(String why, Optional<Duration> retryAfter) implements Outcome {
    }

    /** HTTP 400 or 422: the server does not accept something in the request (often the response format). */
    record Unacceptable(int status, String why, String body) implements Outcome {
    }

    /**
     * Not worth retrying.
     *
     * @param endpointFault whether it says something is wrong with the endpoint (a bad key, a wrong URL), so
     *                      that it counts towards opening the circuit breaker
     */
    record Failed(String why, boolean endpointFault) implements Outcome {
    }

    private final HttpClient http;
    private final URI uri;
    private final String keyHeader;
    private final String keyValue;
    private final JsonMapper json;
    private final Clock clock;

    ChatCompletions(LlmProperties properties, JsonMapper json, Clock clock) {
        this.http = HttpClient.newBuilder()
                // Local servers (Ollama, LM Studio) speak HTTP/1.1 only; an h2c upgrade attempt gains nothing.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.attemptTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String base = properties.baseUrl().toString().replaceAll("/+$", "");
        String query = properties.apiVersion().isBlank() ? ""
                : "?api-version=" + URLEncoder.encode(properties.apiVersion(), StandardCharsets.UTF_8);
        this.uri = URI.create(base + "/chat/completions" + query);
        this.keyHeader = properties.keyHeader();
        this.keyValue = properties.apiKey().isBlank() ? ""
                : keyHeader.equalsIgnoreCase("Authorization") ? "Bearer " + properties.apiKey() : properties.apiKey();
        this.json = json;
        this.clock = clock;
    }

    Outcome post(String body, Duration limit) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(limit)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (!keyValue.isEmpty()) {
            request.header(keyHeader, keyValue);
        }
        // The request timeout covers only the wait for the headers; the future's limit covers the body as well.
        CompletableFuture<HttpResponse<String>> exchange =
                http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = exchange.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return new Retryable("No reply within " + LlmStages.human(limit), Optional.empty());
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            return unreachable(e.getCause(), limit);
        }
        return classify(response);
    }

    private static Outcome unreachable(Throwable cause, Duration limit) {
        if (cause instanceof HttpTimeoutException) {
            return new Retryable("No reply within " + LlmStages.human(limit), Optional.empty());
        }
        if (cause instanceof IOException) {
            return new Retryable("Cannot reach the server: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : " " + Reply.shorten(cause.getMessage())), Optional.empty());
        }
        return new Failed("The request failed: " + cause, false);
    }

    private Outcome classify(HttpResponse<String> response) {
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        if (status >= 200 && status < 300) {
            return new Replied(body);
        }
        String why = "HTTP " + status + errorMessage(body);
        if (status == 429 && body.contains("insufficient_quota")) {
            return new Failed(why + " (the account's quota is used up)", true);
        }
        if (status == 429 || status == 408 || status >= 500) {
            return new Retryable(why, Backoff.retryAfter(response.headers(), clock.instant()));
        }
        return switch (status) {
            case 400, 422 -> new Unacceptable(status, why, body);
            case 401, 403 -> new Failed(why + " (check OPENAI_API_KEY)", true);
            case 404 -> new Failed(why + " (check OPENAI_BASE_URL and OPENAI_MODEL)", true);
            default -> new Failed(why, false);
        };
    }

    /** OpenAI-style {@code {"error": {"message": ...}}}, shortened; servers never echo the prompt in it. */
    private String errorMessage(String body) {
        try {
            JsonNode error = json.readTree(body).path("error");
            String message = error.isString() ? error.stringValue() : error.path("message").asString("");
            return message.isBlank() ? "" : ": " + Reply.shorten(message);
        } catch (JacksonException e) {
            return "";
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
