package io.tickettriage.realtime;

import java.util.Optional;

import io.socket.socketio.server.SocketIoSocket;
import io.tickettriage.access.Caller;
import io.tickettriage.access.CallerResolution;

import org.jspecify.annotations.Nullable;
import org.json.JSONObject;

/**
 * Who a live connection belongs to. An SSE stream is an ordinary request and has passed the web security rules;
 * a Socket.IO client is identified when it connects to the namespace, by the access module, from the credentials
 * of its first request and the handshake's {@code auth: {token}}.
 */
final class LiveAudience {

    private final CallerResolution callers;

    LiveAudience(CallerResolution callers) {
        this.callers = callers;
    }

    Optional<CallerResolution.LiveCaller> identify(SocketIoSocket socket) {
        return callers.resolve(handshakeToken(socket.getConnectData()), socket.getInitialQuery(),
                socket.getInitialHeaders());
    }

    /** The token of the Socket.IO handshake's {@code auth: {token}}, if the client sent one. */
    static @Nullable String handshakeToken(@Nullable Object connectData) {
        return connectData instanceof JSONObject auth ? auth.optString("token", null) : null;
    }

    /** Whose share of live connections a connection of this caller takes: none in demo mode, where all are one. */
    static @Nullable String share(Caller caller) {
        return Caller.DEMO.equals(caller) ? null : caller.name();
    }

    /** Whether a connection of this caller may receive the event: agents all, requesters their own tickets'. */
    static boolean sees(Caller caller, LiveEvent event) {
        return caller.isAgent() || !event.agentsOnly() && caller.name().equals(event.owner());
    }
}
