package io.tickettriage.realtime;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of live updates ({@code TRIAGE_REALTIME_*}).
 *
 * @param allowedOrigins  browser origins allowed to connect from other sites (Socket.IO CORS and WebSocket
 *                        handshake); {@code *} allows any, as the original service did
 * @param replayEvents    recent events kept for SSE clients that resume with {@code Last-Event-ID}
 * @param keepAlive       interval of SSE comment lines that keep proxies from closing an idle stream
 * @param clientBacklog   events queued for one slow client before it is disconnected (it then reconnects
 *                        and, over SSE, resumes)
 * @param pingInterval    Socket.IO heartbeat interval
 * @param pingTimeout     how long Socket.IO waits for a heartbeat reply before dropping the client
 */
@ConfigurationProperties("triage.realtime")
record RealtimeProperties(
        @DefaultValue("*") List<String> allowedOrigins,
        @DefaultValue("1000") int replayEvents,
        @DefaultValue("15s") Duration keepAlive,
        @DefaultValue("1000") int clientBacklog,
        @DefaultValue("25s") Duration pingInterval,
        @DefaultValue("20s") Duration pingTimeout) {

    boolean anyOrigin() {
        return allowedOrigins.contains("*");
    }
}
