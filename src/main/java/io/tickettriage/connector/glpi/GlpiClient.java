package io.tickettriage.connector.glpi;

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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
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
 * HTTP to GLPI's legacy REST API ({@code apirest.php}, GLPI 10.0 and 11.0): one session opened from the App-Token
 * and the user token and reused, opened again once when GLPI says it ended (401 ERROR_SESSION_TOKEN_INVALID), ended
 * with {@code killSession} on close. Reads are tried again with backoff on transient faults (unreachable, timed out,
 * 408, 429, 5xx); writes are not, their durable job is. Every failure is a {@link GlpiException} saying whether it
 * is transient. No token is ever logged or put into a message.
 */
class GlpiClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GlpiClient.class);

    /** Waits between attempts; tests record them instead of waiting. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** A 2xx answer: its body and headers. */
    record Answer(int status, JsonNode body, Map<String, String> headers) {
    }

    private final HttpClient http;
    private final String base;
    private final String appToken;
    private final String userToken;
    private final Duration timeout;
    private final int readAttempts;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final JsonMapper json;
    private final Clock clock;
    private final Object sessionLock = new Object();
    private volatile @Nullable String session;

    GlpiClient(URI apiBase, String appToken, String userToken, Duration timeout, int readAttempts, Backoff backoff,
            Sleeper sleeper, JsonMapper json, Clock clock) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.base = apiBase.toString().replaceAll("/+$", "");
        this.appToken = appToken;
        this.userToken = userToken;
        this.timeout = timeout;
        this.readAttempts = Math.max(1, readAttempts);
        this.backoff = backoff;
        this.sleeper = sleeper;
        this.json = json;
        this.clock = clock;
    }

    /** {@code https://glpi.example.com} or {@code .../apirest.php}: the base every path is appended to. */
    static URI apiBase(String url) {
        String trimmed = url.strip().replaceAll("/+$", "");
        return URI.create(trimmed.endsWith("/apirest.php") ? trimmed : trimmed + "/apirest.php");
    }

    Answer get(String path, Map<String, String> query) {
        return call("GET", path + queryString(query), null, true);
    }

    Answer post(String path, JsonNode body) {
        return call("POST", path, json.writeValueAsString(body), false);
    }

    Answer put(String path, JsonNode body) {
        return call("PUT", path, json.writeValueAsString(body), false);
    }

    Answer delete(String path) {
        return call("DELETE", path, null, false);
    }

    private Answer call(String method, String pathAndQuery, @Nullable String body, boolean idempotent) {
        boolean reopened = false;
        for (int attempt = 1; ; attempt++) {
            String token = session();
            Exchange exchange = exchange(method, pathAndQuery, body, token);
            if (exchange.sessionEnded() && !reopened) {
                log.info("GLPI ended the API session; opening a new one");
                endSession(token);
                reopened = true;
                attempt--;
                continue;
            }
            GlpiException fault = exchange.fault();
            if (fault == null) {
                return exchange.answer();
            }
            if (!fault.isTransient() || !idempotent || attempt >= readAttempts) {
                throw fault;
            }
            Duration wait = backoff.after(attempt, fault.retryAfter().orElse(null));
            log.warn("{}; trying again in {} ms", fault.getMessage(), wait.toMillis());
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw fault;
            }
        }
    }

    private String session() {
        String current = session;
        if (current != null) {
            return current;
        }
        synchronized (sessionLock) {
            if (session == null) {
                session = openSession();
            }
            return session;
        }
    }

    private void endSession(String token) {
        synchronized (sessionLock) {
            if (token.equals(session)) {
                session = null;
            }
        }
    }

    private String openSession() {
        HttpRequest request = request("GET", "/initSession", null)
                .header("Authorization", "user_token " + userToken).build();
        Exchange exchange = send(request, "GET /initSession", false);
        if (exchange.fault() != null) {
            throw exchange.fault();
        }
        String token = exchange.answer().body().path("session_token").asString("");
        if (token.isBlank()) {
            throw GlpiException.permanent("GLPI's answer to GET /initSession has no session_token: is "
                    + "TRIAGE_GLPI_URL the GLPI server?", exchange.answer().status());
        }
        log.info("Opened a GLPI API session at {}", base);
        return token;
    }

    private Exchange exchange(String method, String pathAndQuery, @Nullable String body, String token) {
        HttpRequest request = request(method, pathAndQuery, body).header("Session-Token", token).build();
        return send(request, method + " " + pathAndQuery.replaceAll("\\?.*", ""), true);
    }

    private HttpRequest.Builder request(String method, String pathAndQuery, @Nullable String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json");
        if (!appToken.isEmpty()) {
            builder.header("App-Token", appToken);
        }
        return builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    /** What one request came to: an answer, a fault, or GLPI saying the session is no longer valid. */
    private record Exchange(@Nullable Answer answer, @Nullable GlpiException fault, boolean sessionEnded) {
    }

    private Exchange send(HttpRequest request, String what, boolean withSession) {
        // The request timeout covers the wait for the headers only; the future's limit covers the body as well.
        CompletableFuture<HttpResponse<String>> future =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return fault(GlpiException.transientFault(what + ": GLPI did not answer within " + human(timeout), 0,
                    Optional.empty()));
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return fault(GlpiException.transientFault(what + ": interrupted", 0, Optional.empty()));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String why = cause instanceof HttpTimeoutException ? "GLPI did not answer within " + human(timeout)
                    : cause instanceof IOException ? "cannot reach GLPI at " + base + " ("
                            + cause.getClass().getSimpleName() + ")"
                    : "the request failed (" + cause.getClass().getSimpleName() + ")";
            return fault(GlpiException.transientFault(what + ": " + why, 0, Optional.empty()));
        }
        return classify(response, what, withSession);
    }

    private Exchange classify(HttpResponse<String> response, String what, boolean withSession) {
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        if (status >= 200 && status < 300) {
            try {
                JsonNode parsed = body.isBlank() ? NullNode.getInstance() : json.readTree(body);
                Map<String, String> headers = new LinkedHashMap<>();
                response.headers().map().forEach((name, values) ->
                        headers.put(name.toLowerCase(java.util.Locale.ROOT), String.join(",", values)));
                return new Exchange(new Answer(status, parsed, headers), null, false);
            } catch (JacksonException e) {
                return fault(GlpiException.permanent(what + ": GLPI answered HTTP " + status
                        + " with a body that is not JSON; is TRIAGE_GLPI_URL the GLPI server?", status));
            }
        }
        String[] error = error(body);
        String code = error[0];
        String described = what + ": GLPI answered HTTP " + status + (code.isEmpty() ? "" : " " + code)
                + (error[1].isEmpty() ? "" : " (" + error[1] + ")");
        if (status == 401 && withSession) {
            // ERROR_SESSION_TOKEN_INVALID: the session expired or GLPI restarted; any other 401 is handled the same
            // once, and a second one in a row is reported below as permanent.
            return new Exchange(null, GlpiException.permanent(described
                    + ": GLPI refused the API session right after it was opened", status), true);
        }
        if (status == 429 || status == 408 || status == 502 || status == 503 || status == 504 || status >= 500) {
            return fault(GlpiException.transientFault(described, status,
                    Backoff.retryAfter(response.headers(), clock.instant())));
        }
        String hint = switch (code) {
            case "ERROR_GLPI_LOGIN_USER_TOKEN", "ERROR_GLPI_LOGIN", "ERROR_LOGIN_PARAMETERS_MISSING" ->
                    ": check TRIAGE_GLPI_USER_TOKEN (the API token of the GLPI user the connector acts as)";
            case "ERROR_WRONG_APP_TOKEN_PARAMETER", "ERROR_APP_TOKEN_PARAMETERS_MISSING" ->
                    ": check TRIAGE_GLPI_APP_TOKEN (the App-Token of the API client in Setup > General > API)";
            case "ERROR_NOT_ALLOWED_IP" -> ": add this machine's address to the API client's IP range in GLPI";
            case "ERROR_RIGHT_MISSING" -> ": the GLPI user's profile lacks a right the connector needs";
            default -> status == 401 ? ": check TRIAGE_GLPI_USER_TOKEN and TRIAGE_GLPI_APP_TOKEN"
                    : status == 403 ? ": the GLPI user's profile lacks a right the connector needs" : "";
        };
        return fault(GlpiException.permanent(described + hint, status));
    }

    private static Exchange fault(GlpiException fault) {
        return new Exchange(null, fault, false);
    }

    /** GLPI's {@code ["ERROR_CODE", "message; view documentation in your browser at ..."]}, shortened. */
    private String[] error(String body) {
        try {
            JsonNode parsed = json.readTree(body);
            if (parsed.isArray() && parsed.size() >= 1 && parsed.path(0).isString()) {
                String message = parsed.path(1).asString("");
                int doc = message.indexOf("; view documentation");
                message = doc >= 0 ? message.substring(0, doc) : message;
                return new String[] {parsed.path(0).asString(), redact(shorten(message))};
            }
        } catch (JacksonException e) {
            // not GLPI's error shape: a proxy's page, say; the status alone tells what happened
        }
        return new String[] {"", ""};
    }

    /** GLPI never echoes a token in a message, but a proxy in front of it might. */
    private String redact(String text) {
        String out = text;
        for (String secret : new String[] {appToken, userToken, session}) {
            if (secret != null && secret.length() >= 4) {
                out = out.replace(secret, "***");
            }
        }
        return out;
    }

    private static String shorten(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
    }

    static String queryString(Map<String, String> query) {
        if (query.isEmpty()) {
            return "";
        }
        StringJoiner joined = new StringJoiner("&", "?", "");
        query.forEach((name, value) -> joined.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return joined.toString();
    }

    private static String human(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** Ends the session in GLPI (so that it does not wait for its lifetime to pass) and the HTTP client. */
    @Override
    public void close() {
        String token = session;
        session = null;
        if (token != null) {
            try {
                send(request("GET", "/killSession", null).header("Session-Token", token).build(),
                        "GET /killSession", true);
            } catch (RuntimeException e) {
                log.debug("Could not end the GLPI session: {}", e.getMessage());
            }
        }
        http.close();
    }
}
