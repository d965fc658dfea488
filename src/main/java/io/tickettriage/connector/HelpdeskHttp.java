package io.tickettriage.connector;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.tickettriage.system.Backoff;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/**
 * JSON over HTTP to a helpdesk, for every connector: one time-out covering each request from connecting to the last
 * byte of the answer, transient failures (unreachable, time-out, 408, 429, 5xx) tried again a few times within the
 * call with backoff that honours {@code Retry-After}, and every failure turned into a {@link HelpdeskException} that
 * says what was asked, what the helpdesk answered and what to check. Credentials travel in headers a connector
 * supplies per request; neither they nor the secrets it names ever appear in a message, whatever echoes them (a
 * proxy's error page): only the method, the path and the helpdesk's own error text do.
 */
public final class HelpdeskHttp implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HelpdeskHttp.class);
    private static final int MAX_ERROR_TEXT = 300;
    /** Shorter strings are not blanked out of messages: they would hit ordinary words. */
    private static final int MIN_SECRET = 4;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Headers a connector may send that carry no credential; the values of all others are kept out of messages. */
    private static final Set<String> PLAIN_HEADERS = Set.of("accept", "content-type", "user-agent");

    /**
     * @param attempts    tries per call for transient failures (1 = no retry within the call)
     * @param timeout     connect time-out, and the longest a request may take until its answer is read
     * @param firstWait   wait before the second try; doubles up to {@code maxWait}
     * @param maxWait     longest wait between tries within a call, also the cap of a {@code Retry-After}
     * @param retryWrites whether POST, PUT and DELETE are tried again within the call too, or only reads; without,
     *                    a write that failed is left to the write-back job, which reads the ticket again first
     */
    public record Settings(int attempts, Duration timeout, Duration firstWait, Duration maxWait, boolean retryWrites) {

        public static Settings standard(Duration timeout) {
            return new Settings(3, timeout, Duration.ofSeconds(1), Duration.ofSeconds(10), true);
        }
    }

    /** How a helpdesk explains a failed call in the body of its answer. */
    @FunctionalInterface
    public interface Errors {

        /** The helpdesk's own explanation in an error body, or null when it has none (the body is shown then). */
        @Nullable String text(JsonNode body);

        /** What to check after this answer, when the helpdesk's error says more than its status; null otherwise. */
        default @Nullable String hint(int status, JsonNode body) {
            return null;
        }
    }

    /** Waits between tries; tests record them instead of waiting. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** A 2xx answer: its status, its JSON body ({@code null} node when empty) and its headers. */
    public record Answer(int status, JsonNode body, HttpHeaders headers) {
    }

    private final String helpdesk;
    private final URI base;
    private final Settings settings;
    private final Errors errors;
    private final Set<String> secrets;
    private final HttpClient client;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final Clock clock;

    /**
     * @param helpdesk its name in messages ({@code Zammad})
     * @param base     the helpdesk's root URL, without credentials
     * @param secrets  the connector's credentials, blanked out of every message (per-request header values are too)
     */
    public HelpdeskHttp(String helpdesk, URI base, Settings settings, Errors errors, Collection<String> secrets,
            Clock clock) {
        this(helpdesk, base, settings, errors, secrets, clock, Thread::sleep);
    }

    public HelpdeskHttp(String helpdesk, URI base, Settings settings, Errors errors, Collection<String> secrets,
            Clock clock, Sleeper sleeper) {
        this.helpdesk = helpdesk;
        this.base = base.getPath() == null || base.getPath().endsWith("/") ? base
                : URI.create(base + "/");
        this.settings = settings;
        this.errors = errors;
        this.secrets = Set.copyOf(secrets.stream().filter(s -> s != null && s.length() >= MIN_SECRET).toList());
        this.clock = clock;
        this.sleeper = sleeper;
        // HTTP/1.1: the helpdesks' APIs gain nothing from HTTP/2, and on plain http its upgrade request is one more
        // thing a PHP or Rails server, or a proxy in front of it, may get wrong.
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
        this.backoff = new Backoff(settings.firstWait(), settings.maxWait(), ThreadLocalRandom.current()::nextDouble);
    }

    public static JsonMapper json() {
        return JSON;
    }

    /**
     * Sends a request and reads its JSON answer.
     *
     * @param path    path and query below the base URL, already encoded
     * @param body    a JSON body, or null
     * @param headers credentials and other headers of this request; values of headers other than Accept,
     *                Content-Type and User-Agent are taken as credentials and never appear in a message
     */
    public JsonNode send(String method, String path, @Nullable Object body, Map<String, String> headers)
            throws HelpdeskException {
        return exchange(method, path, body, headers).body();
    }

    /** As {@link #send}, with the answer's status and headers (where GLPI counts a list's items, say). */
    public Answer exchange(String method, String path, @Nullable Object body, Map<String, String> headers)
            throws HelpdeskException {
        int attempts = settings.retryWrites() || "GET".equals(method) ? Math.max(1, settings.attempts()) : 1;
        for (int attempt = 1; ; attempt++) {
            try {
                return once(method, path, body, headers);
            } catch (HelpdeskException e) {
                if (!e.isTransient() || attempt >= attempts) {
                    throw e;
                }
                Duration wait = backoff.after(attempt, e.retryAfter());
                log.warn("{}; trying again in {} ms", e.getMessage(), wait.toMillis());
                pause(wait, e);
            }
        }
    }

    /** One try, whatever it comes to: for a call whose failure does not matter enough to wait (ending a session). */
    public Answer exchangeOnce(String method, String path, @Nullable Object body, Map<String, String> headers)
            throws HelpdeskException {
        return once(method, path, body, headers);
    }

    private Answer once(String method, String path, @Nullable Object body, Map<String, String> headers)
            throws HelpdeskException {
        String what = method + " " + pathOnly(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(relative(path)))
                .timeout(settings.timeout())
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.setHeader("Content-Type", "application/json");
        }
        headers.forEach(request::setHeader);
        HttpResponse<String> response = answer(request.build(), what, headers);
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            if (response.body() == null || response.body().isBlank()) {
                return new Answer(status, NullNode.instance, response.headers());
            }
            try {
                return new Answer(status, JSON.readTree(response.body()), response.headers());
            } catch (JacksonException e) {
                throw HelpdeskException.permanent(redact(helpdesk + " answered " + what + " with something that is "
                        + "not JSON (is its URL the " + helpdesk + " server?): " + excerpt(response.body()), headers));
            }
        }
        JsonNode error = errorBody(response.body());
        String explanation = explanation(response.body(), error);
        boolean retry = status == 429 || status >= 500 || status == 408;
        Duration retryAfter = Backoff.retryAfter(response.headers(), clock.instant()).orElse(null);
        String own = errors.hint(status, error);
        String hint = own != null ? " (" + own + ")" : switch (status) {
            case 401 -> " (the credentials are wrong or expired)";
            case 403 -> " (the credentials lack a permission)";
            case 404 -> " (no such ticket, or a wrong URL)";
            case 429 -> " (rate limited" + (retryAfter == null ? ")" : "; asked to wait " + retryAfter.toSeconds()
                    + " s)");
            default -> "";
        };
        throw new HelpdeskException(redact(helpdesk + " answered " + status + " to " + what + hint
                + (explanation.isEmpty() ? "" : ": " + explanation), headers), retry, status, retryAfter, null);
    }

    /** The answer, read in full within the time-out: the request's own time-out covers the headers only. */
    private HttpResponse<String> answer(HttpRequest request, String what, Map<String, String> headers)
            throws HelpdeskException {
        CompletableFuture<HttpResponse<String>> future = client.sendAsync(request,
                HttpResponse.BodyHandlers.ofString());
        try {
            return future.get(settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw HelpdeskException.transientFailure(notInTime(what), e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw HelpdeskException.transientFailure("Interrupted while calling " + helpdesk, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw HelpdeskException.transientFailure(notInTime(what), cause);
            }
            throw HelpdeskException.transientFailure(redact(helpdesk + " at " + base + " cannot be reached (" + what
                    + "): " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null || !(cause instanceof IOException) ? "" : ": " + cause.getMessage()),
                    headers), cause);
        }
    }

    private String notInTime(String what) {
        Duration timeout = settings.timeout();
        return helpdesk + " did not answer " + what + " within " + (timeout.toMillis() % 1000 == 0
                ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms");
    }

    private static JsonNode errorBody(@Nullable String body) {
        if (body == null || body.isBlank()) {
            return NullNode.instance;
        }
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            return NullNode.instance; // a proxy's page, say: shown as it is
        }
    }

    private String explanation(@Nullable String body, JsonNode error) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String text = error.isNull() ? null : errors.text(error);
        return excerpt(text == null ? body : text);
    }

    /** The message with every credential blanked out: the connector's secrets and this request's header values. */
    private String redact(String message, Map<String, String> headers) {
        Set<String> blanked = new LinkedHashSet<>(secrets);
        headers.forEach((name, value) -> {
            if (!PLAIN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                blanked.add(value);
                // "Token token=abc", "user_token abc": the credential is the last word
                blanked.add(value.substring(Math.max(value.lastIndexOf(' '), value.lastIndexOf('=')) + 1));
            }
        });
        String out = message;
        for (String secret : blanked) {
            if (secret.length() >= MIN_SECRET) {
                out = out.replace(secret, "***");
            }
        }
        return out;
    }

    private static String excerpt(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= MAX_ERROR_TEXT ? flat : flat.substring(0, MAX_ERROR_TEXT) + "...";
    }

    /** The path without its query, which may hold search terms. */
    private static String pathOnly(String path) {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    private static String relative(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }

    private void pause(Duration wait, HelpdeskException failure) throws HelpdeskException {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
