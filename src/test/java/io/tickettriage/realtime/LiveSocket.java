package io.tickettriage.realtime;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import io.socket.client.IO;
import io.socket.client.Socket;

import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

import org.json.JSONObject;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A Java Socket.IO client that records every live event it receives. */
final class LiveSocket implements AutoCloseable {

    static final List<String> EVENTS = List.of(LiveEvent.TICKET_CREATED, LiveEvent.TICKET_ROUTED,
            LiveEvent.TICKET_UPDATED, LiveEvent.TICKET_DELETED, LiveEvent.NEW_COMMENT);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /**
     * OkHttp keeps a WebSocket's call open in its dispatcher for the socket's lifetime, and by default allows
     * 5 per host: enough for a browser tab, not for a test with hundreds of clients.
     */
    private static final OkHttpClient HTTP = http();

    private static OkHttpClient http() {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(1000);
        dispatcher.setMaxRequestsPerHost(1000);
        return new OkHttpClient.Builder().dispatcher(dispatcher).build();
    }

    record Received(String name, JsonNode payload) {
    }

    private final Socket socket;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private final List<String> refusals = new CopyOnWriteArrayList<>();

    private LiveSocket(int port, String token, String... transports) {
        IO.Options options = IO.Options.builder()
                .setTransports(transports)
                .setForceNew(true)
                .setReconnection(false)
                .setAuth(token == null ? java.util.Map.of() : java.util.Map.of("token", token))
                .build();
        options.callFactory = HTTP;
        options.webSocketFactory = HTTP;
        socket = IO.socket(URI.create("http://127.0.0.1:" + port), options);
        for (String name : EVENTS) {
            socket.on(name, args -> received.add(new Received(name, JSON.readTree(((JSONObject) args[0]).toString()))));
        }
        socket.on(SocketIoClients.UNAUTHORIZED, args -> refusals.add(String.valueOf(args[0])));
        socket.connect();
    }

    /** Starts connecting with {@code auth: {token}} in the handshake, as a service account would. */
    static LiveSocket connectingWithToken(int port, String token, String... transports) {
        return new LiveSocket(port, token, transports);
    }

    /** What the server said when it refused this client. */
    List<String> refusals() {
        return List.copyOf(refusals);
    }

    /** Starts connecting; see {@link #awaitConnected()}. */
    static LiveSocket connecting(int port, String... transports) {
        return new LiveSocket(port, null, transports);
    }

    static LiveSocket connected(int port, String... transports) {
        LiveSocket socket = connecting(port, transports);
        socket.awaitConnected();
        return socket;
    }

    void awaitConnected() {
        await().atMost(Duration.ofSeconds(20)).until(socket::connected);
    }

    boolean isConnected() {
        return socket.connected();
    }

    JsonNode awaitEvent(String name, long id) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> find(name, id), Optional::isPresent).orElseThrow();
    }

    Optional<JsonNode> find(String name, long id) {
        String idField = LiveEvent.NEW_COMMENT.equals(name) ? "ticket_id" : "id";
        return received.stream()
                .filter(event -> event.name().equals(name) && event.payload().path(idField).asLong() == id)
                .map(Received::payload)
                .findFirst();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        socket.close();
    }
}
