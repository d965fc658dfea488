package io.tickettriage.realtime;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

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
@Validated
record RealtimeProperties(
        @DefaultValue("1000") @Min(0) int replayEvents,
        @DefaultValue("15s") @DurationMin(inclusive = false) Duration keepAlive,
        @DefaultValue("1000") @Min(1) int clientBacklog,
        @DefaultValue("25s") @DurationMin(inclusive = false) Duration pingInterval,
        @DefaultValue("20s") @DurationMin(inclusive = false) Duration pingTimeout,
        @DefaultValue("500") @Min(0) int maxConnections,
        @DefaultValue("20") @Min(0) int maxConnectionsPerAddress,
        @DefaultValue("10") @Min(0) int maxConnectionsPerCaller,
        @DefaultValue("5s") @DurationMin(inclusive = false) Duration joinTimeout,
        @DefaultValue("5s") @DurationMin(inclusive = false) Duration accessCheck) {
}
