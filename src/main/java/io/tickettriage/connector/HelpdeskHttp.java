package io.tickettriage.connector;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import io.tickettriage.system.Backoff;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/**
 * JSON over HTTP to a helpdesk, for every connector: time-outs on connecting and on each request, transient failures
 * (unreachable, time-out, 429, 5xx) tried again a few times within the call with backoff that honours
 * {@code Retry-After}, and every failure turned into a {@link HelpdeskException} that says what was asked and what
 * the helpdesk answered. Credentials travel in headers a connector supplies per request and never appear in a
 * message: only the method, the path and the helpdesk's own error text do.
 */
public final class HelpdeskHttp {

    private static final int MAX_ERROR_TEXT = 300;

    /**
     * @param attempts    tries per call for transient failures (1 = no retry within the call)
     * @param timeout     connect and request time-out
     * @param firstWait   wait before the second try; doubles up to {@code maxWait}
     * @param maxWait     longest wait between tries within a call, also the cap of a {@code Retry-After}
     */
    public record Settings(int attempts, Duration timeout, Duration firstWait, Duration maxWait) {

        public static Settings standard(Duration timeout) {
            return new Settings(3, timeout, Duration.ofSeconds(1), Duration.ofSeconds(10));
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String helpdesk;
    private final URI base;
    private final Settings settings;
    private final Function<JsonNode, @Nullable String> errorText;
    private final HttpClient client;
    private final Backoff backoff;
    private final Clock clock;

    /**
     * @param helpdesk  its name in messages ({@code Zammad})
     * @param base      the helpdesk's root URL, without credentials
     * @param errorText the helpdesk's own explanation in an error body, if it has one
     */
    public HelpdeskHttp(String helpdesk, URI base, Settings settings, Function<JsonNode, @Nullable String> errorText,
            Clock clock) {
        this.helpdesk = helpdesk;
        this.base = base.getPath() == null || base.getPath().endsWith("/") ? base
                : URI.create(base + "/");
        this.settings = settings;
        this.errorText = errorText;
        this.clock = clock;
        this.client = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
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
     * @param headers credentials and other headers of this request
     */
    public JsonNode send(String method, String path, @Nullable Object body, Map<String, String> headers)
            throws HelpdeskException {
        HelpdeskException last = null;
        for (int attempt = 1; attempt <= Math.max(1, settings.attempts()); attempt++) {
            if (last != null) {
                pause(backoff.after(attempt - 1, last.retryAfter()));
            }
            try {
                return once(method, path, body, headers);
            } catch (HelpdeskException e) {
                if (!e.isTransient()) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    private JsonNode once(String method, String path, @Nullable Object body, Map<String, String> headers)
            throws HelpdeskException {
        String what = method + " " + pathOnly(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(relative(path)))
                .timeout(settings.timeout())
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw HelpdeskException.transientFailure(helpdesk + " did not answer " + what + " within "
                    + settings.timeout().toSeconds() + " s", e);
        } catch (IOException e) {
            throw HelpdeskException.transientFailure(helpdesk + " cannot be reached (" + what + "): "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw HelpdeskException.transientFailure("Interrupted while calling " + helpdesk, e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            if (response.body() == null || response.body().isBlank()) {
                return NullNode.instance;
            }
            try {
                return JSON.readTree(response.body());
            } catch (JacksonException e) {
                throw HelpdeskException.permanent(helpdesk + " answered " + what + " with something that is not "
                        + "JSON: " + excerpt(response.body()));
            }
        }
        String explanation = explanation(response.body());
        boolean retry = status == 429 || status >= 500 || status == 408;
        Duration retryAfter = Backoff.retryAfter(response.headers(), clock.instant()).orElse(null);
        String hint = switch (status) {
            case 401 -> " (the credentials are wrong or expired)";
            case 403 -> " (the credentials lack a permission)";
            case 404 -> " (no such ticket, or a wrong URL)";
            case 429 -> " (rate limited" + (retryAfter == null ? ")" : "; asked to wait " + retryAfter.toSeconds()
                    + " s)");
            default -> "";
        };
        throw new HelpdeskException(helpdesk + " answered " + status + " to " + what + hint
                + (explanation.isEmpty() ? "" : ": " + explanation), retry, status, retryAfter, null);
    }

    private String explanation(@Nullable String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            String text = errorText.apply(JSON.readTree(body));
            return text == null ? excerpt(body) : excerpt(text);
        } catch (JacksonException e) {
            return excerpt(body);
        }
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

    private static void pause(Duration wait) throws HelpdeskException {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw HelpdeskException.transientFailure("Interrupted while waiting to retry", e);
        }
    }
}
