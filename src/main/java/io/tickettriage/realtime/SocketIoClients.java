package io.tickettriage.realtime;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.socket.engineio.server.EngineIoServer;
import io.socket.engineio.server.EngineIoSocket;
import io.socket.engineio.server.ReadyState;
import io.socket.socketio.server.SocketIoNamespace;
import io.socket.socketio.server.SocketIoServer;
import io.socket.socketio.server.SocketIoSocket;
import io.tickettriage.access.Caller;
import io.tickettriage.access.CallerResolution;
import io.tickettriage.access.Credential;

import org.jspecify.annotations.Nullable;

import org.json.JSONObject;
import org.json.JSONString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Socket.IO clients of this process, on the default namespace. Each client receives the events its caller
 * may see, each payload byte for byte the JSON that the SSE stream and the REST API carry.
 */
final class SocketIoClients implements LocalClients {

    static final String UNAUTHORIZED = "unauthorized";
    static final String TOO_MANY_CONNECTIONS = "too_many_connections";
    static final String ACCESS_ENDED = "access_ended";
    private static final String AGENTS = "agents";
    private static final String OWNER = "owner:";
    private static final Logger log = LoggerFactory.getLogger(SocketIoClients.class);

    /**
     * The place a handshake took ({@link LiveConnections#fromAddress}), handed to the connection that the Engine.IO
     * server creates on the same thread while it handles that handshake.
     */
    static final ThreadLocal<LiveConnections.Place> HANDSHAKE = new ThreadLocal<>();

    /** One Engine.IO connection of this process, and whether it joined the namespace (and so was identified). */
    private static final class Tracked {
        final long openedNanos = System.nanoTime();
        final LiveConnections.@Nullable Place place;
        volatile boolean joined;

        Tracked(LiveConnections.@Nullable Place place) {
            this.place = place;
        }
    }

    private final EngineIoServer engineIo;
    private final SocketIoNamespace namespace;
    private final LiveConnections live;
    private final long joinTimeoutNanos;
    private final Map<EngineIoSocket, Tracked> connections = new ConcurrentHashMap<>();
    private final Map<SocketIoSocket, Credential> credentials = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("socket.io-sweeper").daemon(true).factory());

    SocketIoClients(EngineIoServer engineIo, MeterRegistry meters, LiveAudience audience, LiveConnections live,
            Duration joinTimeout) {
        this.engineIo = engineIo;
        this.live = live;
        this.joinTimeoutNanos = joinTimeout.toNanos();
        this.namespace = new SocketIoServer(engineIo).namespace("/");
        namespace.on("connection", args -> admit((SocketIoSocket) args[0], audience));
        engineIo.on("connection", args -> track((EngineIoSocket) args[0]));
        meters.gaugeMapSize("triage.realtime.clients", Tags.of("transport", "socket.io"), connections);
        sweeper.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
    }

    private void track(EngineIoSocket connection) {
        Tracked tracked = new Tracked(HANDSHAKE.get());
        HANDSHAKE.remove();
        connections.put(connection, tracked);
        // a Socket.IO CONNECT packet ("0", "0/namespace," or "0{auth}") joins a namespace
        connection.on("data", data -> {
            if (!tracked.joined && data.length > 0 && data[0] instanceof String text && text.startsWith("0")) {
                tracked.joined = true;
                if (tracked.place != null) {
                    tracked.place.identified();
                }
            }
        });
        connection.on("close", closeArgs -> forget(connection));
    }

    private void forget(EngineIoSocket connection) {
        Tracked tracked = connections.remove(connection);
        if (tracked != null && tracked.place != null) {
            tracked.place.release();
        }
    }

    /**
     * Closes connections that have not joined the namespace in time: until they join nobody knows who they are, and
     * a client that never joins would otherwise hold its memory until the heartbeat gives up on it. Also forgets
     * connections the Engine.IO server closed without saying so, so that nothing closed stays counted.
     */
    void sweep() {
        try {
            long now = System.nanoTime();
            for (Map.Entry<EngineIoSocket, Tracked> entry : connections.entrySet()) {
                EngineIoSocket connection = entry.getKey();
                if (connection.getReadyState() == ReadyState.CLOSED) {
                    forget(connection);
                } else if (!entry.getValue().joined && now - entry.getValue().openedNanos > joinTimeoutNanos) {
                    connection.close();
                    if (connection.getReadyState() != ReadyState.OPEN) {
                        // its transport ends it; it no longer counts against the bounds
                        forget(connection);
                    }
                }
            }
        } catch (RuntimeException e) {
            log.warn("Could not sweep Socket.IO connections: {}", e.toString());
        }
    }

    /**
     * Puts an identified client in the room of what it may hear: every event for agents, a requester's own
     * tickets otherwise. Anyone else is disconnected before any event reaches them, as is a caller who holds their
     * share of connections already. (The Java server offers no hook before the namespace acknowledges a connection,
     * so the refusal comes right after it.)
     */
    private void admit(SocketIoSocket socket, LiveAudience audience) {
        CallerResolution.LiveCaller identified = audience.identify(socket).orElse(null);
        if (identified == null) {
            socket.send(UNAUTHORIZED, new JSONObject().put("detail",
                    "Live events need a token (auth: {token}) or a dashboard session"));
            socket.disconnect(false);
            return;
        }
        Caller caller = identified.caller();
        LiveConnections.Admission admission = live.forCaller(LiveAudience.share(caller), false);
        if (!admission.admitted()) {
            socket.send(TOO_MANY_CONNECTIONS, new JSONObject().put("detail",
                    "This caller holds as many live connections as it may; close one first"));
            socket.disconnect(false);
            return;
        }
        if (identified.credential() != null) {
            credentials.put(socket, identified.credential());
        }
        socket.on("disconnect", args -> {
            admission.place().release();
            credentials.remove(socket);
        });
        socket.joinRoom(caller.isAgent() ? AGENTS : OWNER + caller.name());
    }

    /** The credentials the identified clients of this process were admitted with. */
    Collection<Credential> credentials() {
        return List.copyOf(credentials.values());
    }

    /** Disconnects the clients whose access has ended, after telling them why. */
    int disconnect(Set<Credential> ended) {
        int disconnected = 0;
        for (Map.Entry<SocketIoSocket, Credential> entry : credentials.entrySet()) {
            if (ended.contains(entry.getValue())) {
                credentials.remove(entry.getKey());
                entry.getKey().send(ACCESS_ENDED, new JSONObject().put("detail",
                        "The token or session of this connection was revoked, expired or logged out"));
                entry.getKey().disconnect(true);
                disconnected++;
            }
        }
        return disconnected;
    }

    @Override
    public void deliver(LiveEvent event) {
        RawJson payload = new RawJson(event.data());
        namespace.broadcast(AGENTS, event.name(), payload);
        if (!event.agentsOnly() && event.owner() != null) {
            namespace.broadcast(OWNER + event.owner(), event.name(),
                    event.ownerData() == null ? payload : new RawJson(event.ownerData()));
        }
    }

    /**
     * Already serialised JSON that the Socket.IO encoder (org.json) writes as it is: neither re-parsed nor
     * reordered. The encoder accepts only its own types, hence an empty {@link JSONObject} that supplies its
     * text through {@link JSONString}.
     */
    private static final class RawJson extends JSONObject implements JSONString {

        private final String json;

        RawJson(String json) {
            this.json = json;
        }

        @Override
        public String toJSONString() {
            return json;
        }
    }

    int connections() {
        return connections.size();
    }

    /** Says goodbye to every client, so that pending long-polls end and graceful shutdown need not wait. */
    void closeAll() {
        for (EngineIoSocket connection : connections.keySet()) {
            connection.close();
            forget(connection);
        }
    }

    void shutdown() {
        sweeper.shutdownNow();
        closeAll();
        engineIo.shutdown();
    }
}
