package io.tickettriage.access;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Who a connection belongs to when it is identified outside the web security filters, as a Socket.IO client is
 * when it joins its namespace. The credentials are those the HTTP API accepts, read by this module alone: first
 * found, a token the client's handshake carried, a {@code token} query parameter, an {@code Authorization: Bearer}
 * header or the dashboard's session cookie.
 */
@Component
public class CallerResolution {

    private final AccessTokens tokens;
    private final boolean enabled;

    CallerResolution(AccessTokens tokens, AccessProperties properties) {
        this.tokens = tokens;
        this.enabled = properties.enabled();
    }

    /**
     * @param handshakeToken a token the client sent in its own protocol's handshake, if any
     * @param query          the query parameters of the connection's first request
     * @param headers        the headers of the connection's first request, names in any case
     * @return the caller; everyone is {@link Caller#DEMO} in demo mode; empty when no credential is live
     */
    public Optional<LiveCaller> resolve(@Nullable String handshakeToken, Map<String, String> query,
            Map<String, List<String>> headers) {
        if (!enabled) {
            return Optional.of(new LiveCaller(Caller.DEMO, null));
        }
        return live(secret(handshakeToken, query, headers));
    }

    /** The caller of a request that passed the web security rules, with the credential it was admitted with. */
    public Optional<LiveCaller> current(HttpServletRequest request) {
        if (!enabled) {
            return Optional.of(new LiveCaller(Caller.DEMO, null));
        }
        return live(CallerCredentials.secret(request).orElse(null));
    }

    /** Which of these connections' credentials no longer stand for anyone (revoked, expired, logged out). */
    public Set<Credential> ended(Collection<Credential> credentials) {
        return credentials.isEmpty() ? Set.of() : tokens.ended(credentials);
    }

    private Optional<LiveCaller> live(@Nullable String secret) {
        return tokens.authenticate(secret).map(caller -> new LiveCaller(caller,
                new Credential(AccessTokens.hash(secret))));
    }

    /**
     * A caller of a long-lived connection, and what to ask about later to know whether the connection may go on.
     *
     * @param credential null in demo mode, where access never ends
     */
    public record LiveCaller(Caller caller, @Nullable Credential credential) {
    }

    static @Nullable String secret(@Nullable String handshakeToken, Map<String, String> query,
            Map<String, List<String>> headers) {
        if (handshakeToken != null) {
            return handshakeToken;
        }
        if (query.get("token") != null) {
            return query.get("token");
        }
        String cookie = null;
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            for (String value : header.getValue()) {
                if ("authorization".equalsIgnoreCase(header.getKey())) {
                    String bearer = CallerCredentials.bearer(value);
                    if (bearer != null) {
                        return bearer;
                    }
                }
                if ("cookie".equalsIgnoreCase(header.getKey()) && cookie == null) {
                    cookie = CallerCredentials.sessionCookie(value);
                }
            }
        }
        return cookie;
    }
}
