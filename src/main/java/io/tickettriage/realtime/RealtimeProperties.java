package io.tickettriage.realtime;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of live updates ({@code TRIAGE_REALTIME_*}). The origins allowed to connect from other sites are the
 * API's, {@code TRIAGE_CORS_ORIGINS} (see {@link io.tickettriage.system.AllowedOrigins}).
 *
 * @param replayEvents    recent events kept for SSE clients that resume with {@code Last-Event-ID}
 * @param keepAlive       interval of SSE comment lines that keep proxies from closing an idle stream
 * @param clientBacklog   events queued for one slow client before it is disconnected (it then reconnects
 *                        and, over SSE, resumes)
 * @param pingInterval    Socket.IO heartbeat interval
 * @param pingTimeout     how long Socket.IO waits for a heartbeat reply before dropping the client
 * @param maxConnections  live connections (Socket.IO and SSE together) this process holds; more are refused with
 *                        503 ({@code TRIAGE_REALTIME_MAX_CONNECTIONS}); 0 means no bound
 * @param maxConnectionsPerAddress Socket.IO connections one address holds before any of them is identified;
 *                        more are refused with 429
 * @param maxConnectionsPerCaller  live connections one caller (a name; in demo mode an address) holds; more are
 *                        refused with 429
 * @param joinTimeout     how long a Socket.IO connection may stay without joining the namespace (and so without
 *                        being identified) before it is closed
 * @param accessCheck     how often the credentials of open connections are checked; a connection whose token or
 *                        session has ended is closed within this time, whichever process ended it
 */
@ConfigurationProperties("triage.realtime")
record RealtimeProperties(
        @DefaultValue("1000") int replayEvents,
        @DefaultValue("15s") Duration keepAlive,
        @DefaultValue("1000") int clientBacklog,
        @DefaultValue("25s") Duration pingInterval,
        @DefaultValue("20s") Duration pingTimeout,
        @DefaultValue("500") int maxConnections,
        @DefaultValue("20") int maxConnectionsPerAddress,
        @DefaultValue("10") int maxConnectionsPerCaller,
        @DefaultValue("5s") Duration joinTimeout,
        @DefaultValue("5s") Duration accessCheck) {
}
