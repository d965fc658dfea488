package io.tickettriage.realtime;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.socket.engineio.server.EngineIoServer;
import io.socket.engineio.server.EngineIoWebSocket;
import io.socket.engineio.server.utils.ParseQS;

import org.jspecify.annotations.Nullable;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
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

    private final EngineIoServer engineIo;
    private final int backlog;

    EngineIoWebSocketHandler(EngineIoServer engineIo, int backlog) {
        this.engineIo = engineIo;
        this.backlog = backlog;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
            WebSocketHandler handler, Map<String, Object> attributes) {
        attributes.put(QUERY, ParseQS.decode(request.getURI().getRawQuery()));
        Map<String, List<String>> headers = new HashMap<>();
        request.getHeaders().forEach(headers::put);
        attributes.put(HEADERS, headers);
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            @Nullable Exception exception) {
    }

    @Override
    @SuppressWarnings("unchecked")
    public void afterConnectionEstablished(WebSocketSession session) {
        Bridge bridge = new Bridge(session, (Map<String, String>) session.getAttributes().get(QUERY),
                (Map<String, List<String>>) session.getAttributes().get(HEADERS), backlog);
        session.getAttributes().put(BRIDGE, bridge);
        engineIo.handleWebSocket(bridge);
    }

    @Override
    public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) {
        if (message instanceof TextMessage text) {
            bridge(session).emit("message", text.getPayload());
        } else if (message instanceof BinaryMessage binary) {
            bridge(session).emit("message", bytes(binary));
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable error) {
        bridge(session).emit("error", "write error", String.valueOf(error.getMessage()));
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Bridge bridge = bridge(session);
        bridge.outbox.close();
        bridge.emit("close");
    }

    @Override
    public boolean supportsPartialMessages() {
        return false;
    }

    private static Bridge bridge(WebSocketSession session) {
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

        private void closeQuietly(CloseStatus status) {
            try {
                session.close(status);
            } catch (IOException e) {
                // already closed by the other side
            }
        }
    }
}
