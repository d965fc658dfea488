package io.tickettriage.realtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.socket.engineio.server.EngineIoServer;
import io.socket.engineio.server.EngineIoServerOptions;
import io.tickettriage.access.CallerResolution;
import io.tickettriage.system.AllowedOrigins;
import io.tickettriage.system.RedisConnections;
import io.tickettriage.system.TriageRole;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.socket.server.support.OriginHandshakeInterceptor;
import org.springframework.web.socket.server.support.WebSocketHandlerMapping;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

import tools.jackson.databind.json.JsonMapper;

/**
 * Wires Socket.IO into the application's own web server: Engine.IO polling through Spring MVC and the
 * WebSocket transport through Spring WebSocket, both at {@code /socket.io/} on the API's port.
 */
@Configuration(proxyBeanMethods = false)
class RealtimeConfiguration {

    private static final String SOCKET_IO_PATH = "/socket.io/";

    @Bean(destroyMethod = "")
    EngineIoServer engineIoServer(RealtimeProperties properties) {
        EngineIoServerOptions options = EngineIoServerOptions.newFromDefault()
                .setPingInterval(properties.pingInterval().toMillis())
                .setPingTimeout(properties.pingTimeout().toMillis())
                .setMaxTimeoutThreadPoolSize(4)
                // the system module answers CORS for every path, preflight requests included, from the same origins
                // as the handshake
                .setCorsHandlingDisabled(true);
        return new EngineIoServer(options);
    }

    @Bean(destroyMethod = "shutdown")
    SocketIoClients socketIoClients(EngineIoServer engineIo, MeterRegistry meters, CallerResolution callers,
            LiveConnections live, RealtimeProperties properties) {
        return new SocketIoClients(engineIo, meters, new LiveAudience(callers), live, properties.joinTimeout());
    }

    @Bean
    LiveConnections liveConnections(RealtimeProperties properties) {
        return new LiveConnections(properties.maxConnections(), properties.maxConnectionsPerAddress(),
                properties.maxConnectionsPerCaller());
    }

    @Bean
    AccessEndings accessEndings(CallerResolution callers, SocketIoClients sockets, SseStreams streams,
            RealtimeProperties properties) {
        return new AccessEndings(callers, sockets, streams, properties.accessCheck());
    }

    @Bean
    BadPackets badPackets() {
        return new BadPackets();
    }

    /**
     * The in-process fan-out by default. With {@code REDIS_URL}, events go through Redis pub/sub to every
     * process, each of which hands what it receives to its own clients through the local fan-out.
     */
    @Bean
    EventBroadcaster eventBroadcaster(List<LocalClients> transports, ObjectProvider<RedisConnections> redis,
            TriageRole role, JsonMapper json) {
        LocalEventBroadcaster local = new LocalEventBroadcaster(transports, json);
        RedisConnections connections = redis.getIfAvailable();
        return connections == null ? local : new RedisEventBroadcaster(connections, local, role.servesClients());
    }

    /**
     * Takes WebSocket handshakes at {@code /socket.io/} ahead of the MVC controllers, and only those: any other
     * request, including one that asks to upgrade to something else such as HTTP/2, goes on to the polling
     * transport.
     */
    @Bean
    WebSocketHandlerMapping socketIoWebSocket(EngineIoServer engineIo, RealtimeProperties properties,
            LiveConnections live, BadPackets badPackets, AllowedOrigins allowedOrigins) {
        // a live client answers every heartbeat: silence for a heartbeat and its timeout, and then some, is a client
        // gone without closing, or one that ignores the closing handshake
        Duration readIdle = properties.pingInterval().plus(properties.pingTimeout()).plusSeconds(10);
        EngineIoWebSocketHandler handler = new EngineIoWebSocketHandler(engineIo, properties.clientBacklog(), live,
                readIdle, badPackets, new CookieOrigins(allowedOrigins));
        WebSocketHttpRequestHandler handshake = new WebSocketHttpRequestHandler(handler);
        OriginHandshakeInterceptor origins = new OriginHandshakeInterceptor();
        origins.setAllowedOriginPatterns(allowedOrigins.origins());
        handshake.setHandshakeInterceptors(List.of(origins, handler));
        WebSocketHandlerMapping mapping = new WebSocketHandlerMapping();
        mapping.setUrlMap(Map.of(SOCKET_IO_PATH, handshake));
        mapping.setWebSocketUpgradeMatch(true);
        mapping.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return mapping;
    }

    /**
     * Ends live connections first when the application stops: they never finish on their own, and graceful
     * shutdown would otherwise wait for them until its time limit.
     */
    @Bean
    SmartLifecycle liveConnectionsCloser(SocketIoClients socketIo, SseStreams sse) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                running = true;
            }

            @Override
            public void stop() {
                running = false;
                socketIo.closeAll();
                sse.closeAll();
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return Integer.MAX_VALUE;
            }
        };
    }
}
