package io.tickettriage.realtime;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.socket.engineio.server.EngineIoServer;
import io.socket.engineio.server.EngineIoWebSocket;
import io.socket.engineio.server.utils.ParseQS;

import jakarta.websocket.Session;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * The WebSocket transport of Socket.IO: bridges Spring's WebSocket sessions to Engine.IO, both for clients
 * that upgrade from polling and for those that connect with WebSocket directly.
 */
final class EngineIoWebSocketHandler implements WebSocketHandler, HandshakeInterceptor {

    private static final String QUERY = "engineIo.query";
    private static final String HEADERS = "engineIo.headers";
    private static final String BRIDGE = "engineIo.bridge";
    private static final String PLACE = "engineIo.place";
    /** Tomcat's per-session setting: close a WebSocket that has sent nothing for this long. */
    private static final String READ_IDLE_TIMEOUT = "org.apache.tomcat.websocket.READ_IDLE_TIMEOUT_MS";

    private final EngineIoServer engineIo;
    private final int backlog;
    private final LiveConnections live;
    private final long readIdleMillis;
    private final BadPackets badPackets;
    private final CookieOrigins cookieOrigins;

    /**
     * @param readIdle how long a client may send nothing (not even the heartbeat's reply) before its WebSocket is
     *                 closed by the server itself, even when Engine.IO has given it up and the client never answers
     *                 the closing handshake
     */
    EngineIoWebSocketHandler(EngineIoServer engineIo, int backlog, LiveConnections live, Duration readIdle,
            BadPackets badPackets, CookieOrigins cookieOrigins) {
        this.engineIo = engineIo;
        this.cookieOrigins = cookieOrigins;
        this.badPackets = badPackets;
        this.backlog = backlog;
        this.live = live;
        this.readIdleMillis = readIdle.toMillis();
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
            WebSocketHandler handler, Map<String, Object> attributes) {
        if (!cookieOrigins.accepts(request)) {
            // a page of another origin would be using this user's session cookie: cross-site WebSocket hijacking
            response.setStatusCode(HttpStatus.FORBIDDEN);
            return false;
        }
        Map<String, String> query = ParseQS.decode(request.getURI().getRawQuery());
        if (query.get("sid") == null) {
            // a new connection (an upgrade from polling holds the place its polling handshake took)
            LiveConnections.Admission admission = live.fromAddress(address(request));
            if (!admission.admitted()) {
                response.setStatusCode(admission.refusal() == LiveConnections.Refusal.FULL
                        ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.TOO_MANY_REQUESTS);
                response.getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
                return false;
            }
            attributes.put(PLACE, admission.place());
        }
        attributes.put(QUERY, query);
        Map<String, List<String>> headers = new HashMap<>();
        request.getHeaders().forEach(headers::put);
        attributes.put(HEADERS, headers);
        return true;
    }

    private static String address(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            @Nullable Exception exception) {
    }

    @Override
    @SuppressWarnings("unchecked")
    public void afterConnectionEstablished(WebSocketSession session) {
        if (session instanceof NativeWebSocketSession nativeSession
                && nativeSession.getNativeSession() instanceof Session tomcat) {
            tomcat.getUserProperties().put(READ_IDLE_TIMEOUT, readIdleMillis);
        }
        Bridge bridge = new Bridge(session, (Map<String, String>) session.getAttributes().get(QUERY),
                (Map<String, List<String>>) session.getAttributes().get(HEADERS), backlog);
        session.getAttributes().put(BRIDGE, bridge);
        SocketIoClients.HANDSHAKE.set((LiveConnections.Place) session.getAttributes().get(PLACE));
        try {
            engineIo.handleWebSocket(bridge);
        } finally {
            SocketIoClients.HANDSHAKE.remove();
        }
    }

    @Override
    public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) {
        Bridge bridge = bridge(session);
        if (bridge == null) {
            return;
        }
        try {
            if (message instanceof TextMessage text) {
                bridge.emit("message", text.getPayload());
            } else if (message instanceof BinaryMessage binary) {
                bridge.emit("message", bytes(binary));
            }
        } catch (RuntimeException e) {
            // the client's packet broke the parser: reported in one line, and the client is let go
            InetSocketAddress remote = session.getRemoteAddress();
            badPackets.refused("websocket", remote == null ? "unknown" : remote.getHostString(), e);
            bridge.closeQuietly(CloseStatus.BAD_DATA);
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable error) {
        Bridge bridge = bridge(session);
        if (bridge != null) {
            bridge.emit("error", "write error", String.valueOf(error.getMessage()));
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        try {
            Bridge bridge = bridge(session);
            if (bridge != null) {
                bridge.outbox.close();
                bridge.emit("close");
            }
        } finally {
            // the definitive end of the connection, whatever Engine.IO made of it
            if (session.getAttributes().get(PLACE) instanceof LiveConnections.Place place) {
                place.release();
            }
        }
    }

    @Override
    public boolean supportsPartialMessages() {
        return false;
    }

    private static @Nullable Bridge bridge(WebSocketSession session) {
        return (Bridge) session.getAttributes().get(BRIDGE);
    }

    private static byte[] bytes(BinaryMessage message) {
        byte[] bytes = new byte[message.getPayloadLength()];
        message.getPayload().get(bytes);
        return bytes;
    }

    /** One Engine.IO connection over one WebSocket session. Writes go through the client's own outbox. */
    private static final class Bridge extends EngineIoWebSocket {

        /** Queued after the last message when Engine.IO closes the connection, so that nothing is cut off. */
        private static final TextMessage CLOSE = new TextMessage("");

        private final WebSocketSession session;
        private final Map<String, String> query;
        private final Map<String, List<String>> headers;
        private final Outbox<WebSocketMessage<?>> outbox;

        Bridge(WebSocketSession session, Map<String, String> query, Map<String, List<String>> headers,
                int backlog) {
            this.session = session;
            this.query = query;
            this.headers = headers;
            this.outbox = new Outbox<>("socket.io-client", backlog, this::send,
                    () -> closeQuietly(CloseStatus.SESSION_NOT_RELIABLE));
        }

        private void send(WebSocketMessage<?> message) throws IOException {
            if (message == CLOSE) {
                closeQuietly(CloseStatus.NORMAL);
            } else {
                session.sendMessage(message);
            }
        }

        @Override
        public Map<String, String> getQuery() {
            return query;
        }

        @Override
        public Map<String, List<String>> getConnectionHeaders() {
            return headers;
        }

        @Override
        public void write(String message) {
            outbox.offer(new TextMessage(message));
        }

        @Override
        public void write(byte[] message) {
            outbox.offer(new BinaryMessage(message));
        }

        @Override
        public void close() {
            if (!outbox.offer(CLOSE)) {
                closeQuietly(CloseStatus.NORMAL);
            }
        }

        /**
         * Never throws: Engine.IO calls this while it closes a connection and forgets the connection only after it
         * returns; an exception here (Tomcat refuses to close a session in the middle of a write) would leave the
         * connection in its tables for good.
         */
        private void closeQuietly(CloseStatus status) {
            try {
                session.close(status);
            } catch (IOException | RuntimeException e) {
                // already closed by the other side, or closing: Tomcat ends it when the write or the read times out
            }
        }
    }
}
