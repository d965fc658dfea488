package io.tickettriage.realtime;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.socket.engineio.server.EngineIoServer;
import io.socket.engineio.server.EngineIoSocket;
import io.socket.socketio.server.SocketIoNamespace;
import io.socket.socketio.server.SocketIoServer;

import org.json.JSONObject;
import org.json.JSONString;

/**
 * The Socket.IO clients of this process, on the default namespace. Every client receives every event, its
 * payload byte for byte the JSON that the SSE stream and the REST API carry.
 */
final class SocketIoClients implements LocalClients {

    private final EngineIoServer engineIo;
    private final SocketIoNamespace namespace;
    private final Set<EngineIoSocket> connections = ConcurrentHashMap.newKeySet();

    SocketIoClients(EngineIoServer engineIo, MeterRegistry meters) {
        this.engineIo = engineIo;
        this.namespace = new SocketIoServer(engineIo).namespace("/");
        engineIo.on("connection", args -> {
            EngineIoSocket connection = (EngineIoSocket) args[0];
            connections.add(connection);
            connection.on("close", closeArgs -> connections.remove(connection));
        });
        meters.gaugeCollectionSize("triage.realtime.clients", Tags.of("transport", "socket.io"), connections);
    }

    @Override
    public void deliver(LiveEvent event) {
        namespace.broadcast(null, event.name(), new RawJson(event.data()));
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
