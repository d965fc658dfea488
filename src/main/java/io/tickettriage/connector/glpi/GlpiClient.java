package io.tickettriage.connector.glpi;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import io.tickettriage.connector.HelpdeskException;
import io.tickettriage.connector.HelpdeskHttp;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.JsonNode;

/**
 * GLPI's legacy REST API ({@code apirest.php}, GLPI 10.0 and 11.0) over the connectors' shared {@link HelpdeskHttp}
 * (its time-out, its retries of transient faults with backoff, its failures): one session opened from the App-Token
 * and the user token and reused, opened again once when GLPI says it ended (401 ERROR_SESSION_TOKEN_INVALID), ended
 * with {@code killSession} on close. Reads are tried again on transient faults; writes are not, their durable job
 * is. No token is ever logged or put into a message.
 */
class GlpiClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GlpiClient.class);
    /** Longest wait between two tries of a read within one call; GLPI's {@code Retry-After} is honoured up to it. */
    static final Duration MAX_WAIT = Duration.ofSeconds(30);

    private final HelpdeskHttp http;
    private final String base;
    private final String appToken;
    private final String userToken;
    private final Object sessionLock = new Object();
    private volatile @Nullable String session;

    /**
     * @param readAttempts tries of a read that fails transiently; waits between them double from 1 s up to
     *                     {@link #MAX_WAIT}; a write is tried once
     * @param sleeper      how the waits are waited ({@code Thread::sleep})
     */
    GlpiClient(URI apiBase, String appToken, String userToken, Duration timeout, int readAttempts, Clock clock,
            HelpdeskHttp.Sleeper sleeper) {
        this.http = new HelpdeskHttp("GLPI", apiBase,
                new HelpdeskHttp.Settings(readAttempts, timeout, Duration.ofSeconds(1), MAX_WAIT, false),
                GlpiErrors.INSTANCE, List.of(appToken, userToken), clock, sleeper);
        this.base = apiBase.toString();
        this.appToken = appToken;
        this.userToken = userToken;
    }

    /** {@code https://glpi.example.com} or {@code .../apirest.php}: the base every path is appended to. */
    static URI apiBase(String url) {
        String trimmed = url.strip().replaceAll("/+$", "");
        return URI.create(trimmed.endsWith("/apirest.php") ? trimmed : trimmed + "/apirest.php");
    }

    HelpdeskHttp.Answer get(String path, Map<String, String> query) throws HelpdeskException {
        return call("GET", path + queryString(query), null);
    }

    HelpdeskHttp.Answer post(String path, JsonNode body) throws HelpdeskException {
        return call("POST", path, body);
    }

    HelpdeskHttp.Answer put(String path, JsonNode body) throws HelpdeskException {
        return call("PUT", path, body);
    }

    HelpdeskHttp.Answer delete(String path) throws HelpdeskException {
        return call("DELETE", path, null);
    }

    private HelpdeskHttp.Answer call(String method, String pathAndQuery, @Nullable JsonNode body)
            throws HelpdeskException {
        for (boolean reopened = false; ; reopened = true) {
            String token = session();
            try {
                return http.exchange(method, pathAndQuery, body, headers("Session-Token", token));
            } catch (HelpdeskException e) {
                // ERROR_SESSION_TOKEN_INVALID: the session expired or GLPI restarted; any other 401 is handled the
                // same once, and a second one in a row is permanent.
                if (e.status() != 401) {
                    throw e;
                }
                if (reopened) {
                    throw new HelpdeskException(e.getMessage() + "; GLPI refused the API session right after it was "
                            + "opened", false, 401, null, e);
                }
                log.info("GLPI ended the API session; opening a new one");
                endSession(token);
            }
        }
    }

    /** The App-Token (when the API client has one) and the credential of this call; JSON, as GLPI's docs send. */
    private Map<String, String> headers(String name, String credential) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        if (!appToken.isEmpty()) {
            headers.put("App-Token", appToken);
        }
        headers.put(name, credential);
        return headers;
    }

    private String session() throws HelpdeskException {
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

    private String openSession() throws HelpdeskException {
        HelpdeskHttp.Answer answer = http.exchange("GET", "/initSession", null,
                headers("Authorization", "user_token " + userToken));
        String token = answer.body().path("session_token").asString("");
        if (token.isBlank()) {
            throw HelpdeskException.permanent("GLPI's answer to GET /initSession has no session_token: is "
                    + "TRIAGE_GLPI_URL the GLPI server?");
        }
        log.info("Opened a GLPI API session at {}", base);
        return token;
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

    /** Ends the session in GLPI (so that it does not wait for its lifetime to pass) and the HTTP client. */
    @Override
    public void close() {
        String token = session;
        session = null;
        if (token != null) {
            try {
                http.exchangeOnce("GET", "/killSession", null, headers("Session-Token", token));
            } catch (HelpdeskException e) {
                log.debug("Could not end the GLPI session: {}", e.getMessage());
            }
        }
        http.close();
    }

    /** GLPI's errors, {@code ["ERROR_CODE", "message; view documentation in your browser at ..."]}; what to check. */
    enum GlpiErrors implements HelpdeskHttp.Errors {
        INSTANCE;

        @Override
        public @Nullable String text(JsonNode body) {
            if (!isError(body)) {
                return null;
            }
            String message = body.path(1).asString("");
            int doc = message.indexOf("; view documentation");
            message = doc >= 0 ? message.substring(0, doc) : message;
            return body.path(0).asString() + (message.isBlank() ? "" : " (" + message.strip() + ")");
        }

        @Override
        public @Nullable String hint(int status, JsonNode body) {
            String code = isError(body) ? body.path(0).asString() : "";
            return switch (code) {
                case "ERROR_GLPI_LOGIN_USER_TOKEN", "ERROR_GLPI_LOGIN", "ERROR_LOGIN_PARAMETERS_MISSING" ->
                        "check TRIAGE_GLPI_USER_TOKEN, the API token of the GLPI user the connector acts as";
                case "ERROR_WRONG_APP_TOKEN_PARAMETER", "ERROR_APP_TOKEN_PARAMETERS_MISSING" ->
                        "check TRIAGE_GLPI_APP_TOKEN, the App-Token of the API client in Setup > General > API";
                case "ERROR_NOT_ALLOWED_IP" -> "add this machine's address to the API client's IP range in GLPI";
                case "ERROR_RIGHT_MISSING" -> "the GLPI user's profile lacks a right the connector needs";
                case "ERROR_SESSION_TOKEN_INVALID" -> "the API session ended or was refused";
                default -> status == 401 ? "check TRIAGE_GLPI_USER_TOKEN and TRIAGE_GLPI_APP_TOKEN"
                        : status == 403 ? "the GLPI user's profile lacks a right the connector needs" : null;
            };
        }

        private static boolean isError(JsonNode body) {
            return body.isArray() && !body.isEmpty() && body.path(0).isString();
        }
    }
}
