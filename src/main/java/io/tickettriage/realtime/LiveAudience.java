package io.tickettriage.realtime;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.socket.socketio.server.SocketIoSocket;
import io.tickettriage.access.AccessProperties;
import io.tickettriage.access.AccessTokens;
import io.tickettriage.access.Caller;

import org.jspecify.annotations.Nullable;
import org.json.JSONObject;

/**
 * Who a live connection belongs to. An SSE stream is an ordinary request and has passed the web security rules;
 * a Socket.IO client is identified when it connects to the namespace, from (first found) the handshake's
 * {@code auth: {token}}, a {@code token} query parameter, an {@code Authorization: Bearer} header or the
 * dashboard's session cookie.
 */
final class LiveAudience {

    private static final String SESSION_COOKIE = "triage_session";

    private final AccessTokens tokens;
    private final boolean enabled;

    LiveAudience(AccessTokens tokens, AccessProperties properties) {
        this.tokens = tokens;
        this.enabled = properties.auth() == AccessProperties.AuthMode.TOKEN;
    }

    Optional<Caller> identify(SocketIoSocket socket) {
        if (!enabled) {
            return Optional.of(Caller.DEMO);
        }
        return tokens.authenticate(secret(socket.getConnectData(), socket.getInitialQuery(),
                socket.getInitialHeaders()));
    }

    static @Nullable String secret(@Nullable Object connectData, Map<String, String> query,
            Map<String, List<String>> headers) {
        if (connectData instanceof JSONObject auth && auth.optString("token", null) != null) {
            return auth.optString("token");
        }
        if (query.get("token") != null) {
            return query.get("token");
        }
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            for (String value : header.getValue()) {
                if ("authorization".equalsIgnoreCase(header.getKey())
                        && value.regionMatches(true, 0, "Bearer ", 0, 7)) {
                    return value.substring(7).strip();
                }
                if ("cookie".equalsIgnoreCase(header.getKey())) {
                    for (String cookie : value.split(";")) {
                        String[] pair = cookie.strip().split("=", 2);
                        if (pair.length == 2 && SESSION_COOKIE.equals(pair[0])) {
                            return pair[1];
                        }
                    }
                }
            }
        }
        return null;
    }

    /** Whether a connection of this caller may receive the event: agents all, requesters their own tickets'. */
    static boolean sees(Caller caller, LiveEvent event) {
        return caller.isAgent() || !event.agentsOnly() && caller.name().equals(event.owner());
    }
}
