package io.tickettriage.realtime;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.socket.engineio.server.EngineIoServer;
import io.socket.engineio.server.EngineIoSocket;
import io.socket.socketio.server.SocketIoNamespace;
import io.socket.socketio.server.SocketIoServer;
import io.socket.socketio.server.SocketIoSocket;

import org.json.JSONObject;
import org.json.JSONString;

/**
 * The Socket.IO clients of this process, on the default namespace. Each client receives the events its caller
 * may see, each payload byte for byte the JSON that the SSE stream and the REST API carry.
 */
final class SocketIoClients implements LocalClients {

    static final String UNAUTHORIZED = "unauthorized";
    private static final String AGENTS = "agents";
    private static final String OWNER = "owner:";

    private final EngineIoServer engineIo;
    private final SocketIoNamespace namespace;
    private final Set<EngineIoSocket> connections = ConcurrentHashMap.newKeySet();

    SocketIoClients(EngineIoServer engineIo, MeterRegistry meters, LiveAudience audience) {
        this.engineIo = engineIo;
        this.namespace = new SocketIoServer(engineIo).namespace("/");
        namespace.on("connection", args -> admit((SocketIoSocket) args[0], audience));
        engineIo.on("connection", args -> {
            EngineIoSocket connection = (EngineIoSocket) args[0];
            connections.add(connection);
            connection.on("close", closeArgs -> connections.remove(connection));
        });
        meters.gaugeCollectionSize("triage.realtime.clients", Tags.of("transport", "socket.io"), connections);
    }

    /**
     * Puts an identified client in the room of what it may hear: every event for agents, a requester's own
     * tickets otherwise. Anyone else is disconnected before any event reaches them. (The Java server offers no
     * hook before the namespace acknowledges a connection, so the refusal comes right after it.)
     */
    private static void admit(SocketIoSocket socket, LiveAudience audience) {
        audience.identify(socket).ifPresentOrElse(
                caller -> socket.joinRoom(caller.isAgent() ? AGENTS : OWNER + caller.name()),
                () -> {
                    socket.send(UNAUTHORIZED, new JSONObject().put("detail",
                            "Live events need a token (auth: {token}) or a dashboard session"));
                    socket.disconnect(false);
                });
    }

    @Override
    public void deliver(LiveEvent event) {
        RawJson payload = new RawJson(event.data());
        namespace.broadcast(AGENTS, event.name(), payload);
        if (!event.agentsOnly() && event.owner() != null) {
            namespace.broadcast(OWNER + event.owner(), event.name(), payload);
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
        for (EngineIoSocket connection : connections) {
            connection.close();
        }
        connections.clear();
    }

    void shutdown() {
        closeAll();
        engineIo.shutdown();
    }
}
