package io.tickettriage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import io.socket.client.IO;
import io.socket.client.Socket;
import io.tickettriage.support.Api;
import io.tickettriage.support.Api.Reply;

import org.json.JSONObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The original design's documented requests, replayed as its clients send them, with each answer checked the way
 * those clients read it: numbers where they call number methods ({@code confidence.toFixed(2)}), every original
 * field present, arrays where they iterate. Demo mode, as the original had no access control.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "triage.auth=none", "DATABASE_URL=sqlite:///target/it-${random.uuid}.db",
        "triage.knowledge.dir=target/knowledge-${random.uuid}"})
class OriginalClientContractIT {

    /** The ticket fields of the original design with the JSON type its clients expect of each. */
    private static final Map<String, JsonType> ORIGINAL_TICKET = Map.of(
            "id", JsonType.NUMBER, "title", JsonType.STRING, "description", JsonType.STRING,
            "created_at", JsonType.STRING, "updated_at", JsonType.STRING, "priority", JsonType.STRING,
            "level", JsonType.STRING, "assigned_to", JsonType.STRING, "confidence", JsonType.NUMBER,
            "status", JsonType.STRING);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ORIGINAL_DASHBOARD = "http://localhost:3000";

    private enum JsonType { NUMBER, STRING }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    @Test
    void theOriginalDashboardsTicketRequestsGetAnswersItCanRead() {
        try (LiveEvents socketIo = LiveEvents.socketIo(port); LiveEvents sse = LiveEvents.sse(port)) {
            // the original dashboard's new-ticket form always sends its placeholders
            Reply created = api.post("/tickets", Api.json(Map.of("title", "Laptop will not power on",
                    "description", "Even when plugged in, nothing happens", "priority", "Normal",
                    "level", "Level 1 Support")));

            assertThat(created.status()).as("201, not the original's 200: a creation says so").isEqualTo(201);
            JsonNode pending = created.json();
            assertOriginalTicket(pending);
            assertThat(pending.get("status").asString()).isEqualTo("pending");
            assertThat(pending.get("confidence").doubleValue()).as("0.0 while pending, as documented").isZero();
            long id = pending.get("id").asLong();

            for (LiveEvents events : List.of(socketIo, sse)) {
                JsonNode createdEvent = events.await("ticket_created", id);
                assertOriginalTicket(createdEvent);
                assertThat(createdEvent.get("confidence").doubleValue()).isZero();
                JsonNode routedEvent = events.await("ticket_routed", id);
                assertOriginalTicket(routedEvent);
                assertThat(routedEvent.get("confidence").doubleValue()).isBetween(0.0, 1.0);
            }

            JsonNode single = api.get("/tickets/" + id).json();
            assertOriginalTicket(single);
            assertThat(single.get("status").asString()).isEqualTo("routed");

            JsonNode closed = api.patch("/tickets/" + id + "/status?status=closed").json();
            assertOriginalTicket(closed);
            assertThat(closed.get("status").asString()).isEqualTo("closed");

            Reply comment = api.post("/tickets/" + id + "/comments", "{\"text\": \"Replaced the power supply\"}");
            assertThat(comment.status()).isEqualTo(201);
            assertThat(comment.json().get("id").isNumber()).isTrue();
            assertThat(comment.json().get("ticket_id").asLong()).isEqualTo(id);
            assertThat(comment.json().get("text").asString()).isEqualTo("Replaced the power supply");
            assertThat(comment.json().get("created_at").isString()).isTrue();
            JsonNode comments = api.get("/tickets/" + id + "/comments").json();
            assertThat(comments.isArray()).isTrue();
            assertThat(comments.get(0).get("text").asString()).isEqualTo("Replaced the power supply");
            JsonNode commentEvent = socketIo.await("new_comment", id);
            assertThat(commentEvent.get("text").asString()).isEqualTo("Replaced the power supply");

            Reply deleted = api.delete("/tickets/" + id);
            assertThat(deleted.status()).isEqualTo(200);
            assertThat(deleted.contentType()).startsWith("application/json");
            assertThat(deleted.json().get("detail").asString()).isEqualTo("Deleted");
            assertThat(deleted.json().get("id").asLong()).isEqualTo(id);
        }
    }

    @Test
    void everyTicketInAListCarriesANumberConfidencePendingOnesIncluded() {
        long routed = api.post("/tickets", "{\"title\": \"VPN drops every five minutes\"}").json().get("id").asLong();
        await().atMost(WAIT).until(() -> api.get("/tickets/" + routed).json().get("status").asString(),
                "routed"::equals);
        // as a ticket looks before any worker has taken it: the workers here are quick to route what the API makes
        long waiting = jdbc.sql("""
                INSERT INTO tickets (title, description, created_at, updated_at, priority, level, assigned_to, status,
                                     priority_source, level_source, team_source)
                VALUES ('Printer jams', '', 0, 0, 'Medium', 'Tier 1', '', 'pending', 'default', 'default', 'default')
                RETURNING id""").query(Long.class).single();

        JsonNode list = api.get("/tickets").json();

        assertThat(list.isArray()).isTrue();
        assertThat(list.valueStream().map(ticket -> ticket.get("id").asLong())).contains(routed, waiting);
        list.valueStream().forEach(OriginalClientContractIT::assertOriginalTicket);
        JsonNode pending = list.valueStream().filter(ticket -> ticket.get("id").asLong() == waiting)
                .findFirst().orElseThrow();
        assertThat(pending.get("confidence").doubleValue()).isZero();
        assertThat(api.get("/tickets/" + waiting).json().get("confidence").isNumber()).isTrue();
    }

    @Test
    void listsEveryTicketWithoutALimitAsTheOriginalDid() {
        for (int i = 0; i < 120; i++) {
            assertThat(api.post("/tickets", Api.json(Map.of("title", "Printer on floor " + i + " jams",
                    "priority", "Normal", "level", "Level 1 Support"))).status()).isEqualTo(201);
        }
        long stored = jdbc.sql("SELECT COUNT(*) FROM tickets").query(Long.class).single();

        HttpResponse<String> response = api.raw(api.request("/tickets").GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Link")).as("no more to fetch").isEmpty();
        JsonNode list = JSON.readTree(response.body());
        assertThat(list.isArray()).isTrue();
        assertThat(stored).isGreaterThanOrEqualTo(120);
        assertThat(list.size()).as("every ticket, not a first page").isEqualTo((int) stored);
        assertThat(list.valueStream().map(ticket -> ticket.get("id").asLong()).toList())
                .as("newest first").isSortedAccordingTo(java.util.Comparator.reverseOrder());
        list.valueStream().forEach(OriginalClientContractIT::assertOriginalTicket);
    }

    @Test
    void theOriginalDashboardOnLocalhost3000MayCallTheApiAndOpenLiveEvents() {
        for (String[] call : new String[][] {{"POST", "/tickets"}, {"PATCH", "/tickets/1/status"},
                {"DELETE", "/tickets/1"}, {"GET", "/socket.io/?EIO=4&transport=polling"}, {"GET", "/events"}}) {
            HttpResponse<String> preflight = api.raw(api.request(call[1]).header("Origin", ORIGINAL_DASHBOARD)
                    .header("Access-Control-Request-Method", call[0])
                    .header("Access-Control-Request-Headers", "content-type")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

            assertThat(preflight.statusCode()).as("%s %s", call[0], call[1]).isEqualTo(200);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGINAL_DASHBOARD);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(
                    methods -> assertThat(methods).contains(call[0]));
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
        }

        HttpResponse<String> list = api.raw(api.request("/tickets?limit=1").header("Origin", ORIGINAL_DASHBOARD).GET());
        assertThat(list.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGINAL_DASHBOARD);
        assertThat(list.headers().firstValue("Access-Control-Expose-Headers")).hasValueSatisfying(
                headers -> assertThat(headers).contains("X-Next-Cursor").contains("Link"));
        HttpResponse<String> polling = api.raw(api.request("/socket.io/?EIO=4&transport=polling")
                .header("Origin", ORIGINAL_DASHBOARD).GET());
        assertThat(polling.statusCode()).isEqualTo(200);
        assertThat(polling.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGINAL_DASHBOARD);
    }

    @Test
    void theEngineReplacesThePlaceholdersTheOriginalDashboardSendsAndKeepsThemAsRequested() {
        long id = api.post("/tickets", Api.json(Map.of("title", "Internet is down for the whole office",
                "description", "Nobody can connect since 9am", "priority", "Normal", "level", "Level 1 Support")))
                .json().get("id").asLong();

        JsonNode routed = awaitRouted(id);

        assertThat(routed.get("priority").asString()).as("an office-wide outage").isEqualTo("Urgent");
        assertThat(routed.get("level").asString()).isEqualTo("Tier 2");
        assertThat(routed.get("requested_priority").asString()).isEqualTo("Medium");
        assertThat(routed.get("requested_level").asString()).isEqualTo("Tier 1");
        assertThat(routed.get("triage_reason").asString())
                .contains("priority Urgent, not the stated Medium: the rule 'outage affecting many users'")
                .contains("level Tier 2, not the stated Tier 1: the rule 'outage affecting many users'");
        JsonNode explanation = api.get("/tickets/" + id + "/explanation").json();
        assertThat(explanation.get("priority_reason").asString()).contains("outage affecting many users");
    }

    @Test
    void anAgentsChangeMadeBeforeTheEngineRoutesStands() {
        // a ticket created with placeholders that no worker has taken yet
        long id = jdbc.sql("""
                INSERT INTO tickets (title, description, created_at, updated_at, priority, level, assigned_to, status,
                                     priority_source, level_source, team_source, requested_priority, requested_level)
                VALUES ('Internet is down for the whole office', 'Nobody can connect', 0, 0, 'Medium', 'Tier 1', '',
                        'pending', 'requester', 'requester', 'default', 'Medium', 'Tier 1')
                RETURNING id""").query(Long.class).single();
        assertThat(api.patch("/tickets/" + id, "{\"priority\": \"Low\"}").status()).isEqualTo(200);

        // now a worker takes it
        jdbc.sql("INSERT INTO jobs (type, subject_id, state, attempts, run_at, created_at) "
                + "VALUES ('classify', ?, 'queued', 0, 0, 0)").param(id).update();
        JsonNode routed = awaitRouted(id);

        assertThat(routed.get("priority").asString()).as("the agent's").isEqualTo("Low");
        assertThat(routed.get("level").asString()).as("the engine's").isEqualTo("Tier 2");
        assertThat(routed.get("requested_priority").asString()).isEqualTo("Medium");
        assertThat(routed.get("triage_reason").asString()).doesNotContain("priority Urgent")
                .contains("level Tier 2, not the stated Tier 1");
    }

    private JsonNode awaitRouted(long id) {
        return await().atMost(WAIT).until(() -> api.get("/tickets/" + id).json(),
                ticket -> "routed".equals(ticket.get("status").asString()));
    }

    private static void assertOriginalTicket(JsonNode ticket) {
        ORIGINAL_TICKET.forEach((field, type) -> {
            JsonNode value = ticket.get(field);
            assertThat(value).as("%s in %s", field, ticket).isNotNull();
            assertThat(type == JsonType.NUMBER ? value.isNumber() : value.isString())
                    .as("%s is a %s in %s", field, type, ticket).isTrue();
        });
    }

    /** Live events as a client of one transport receives them, with each payload read as JSON. */
    private static final class LiveEvents implements AutoCloseable {

        private record Received(String name, JsonNode payload) {
        }

        private final List<Received> received = new CopyOnWriteArrayList<>();
        private final AutoCloseable connection;

        private LiveEvents(java.util.function.Function<LiveEvents, AutoCloseable> connect) {
            this.connection = connect.apply(this);
        }

        /** The original dashboard's client: socket.io-client with its default transports (polling, then upgrade). */
        static LiveEvents socketIo(int port) {
            return new LiveEvents(self -> {
                Socket socket = IO.socket(URI.create("http://127.0.0.1:" + port),
                        IO.Options.builder().setForceNew(true).setReconnection(false).build());
                for (String name : List.of("ticket_created", "ticket_routed", "new_comment")) {
                    socket.on(name, args -> self.received.add(
                            new Received(name, JSON.readTree(((JSONObject) args[0]).toString()))));
                }
                socket.connect();
                org.awaitility.Awaitility.await().atMost(WAIT).until(socket::connected);
                return socket::close;
            });
        }

        /** An EventSource: reads {@code event:} and {@code data:} lines from {@code /events}. */
        static LiveEvents sse(int port) {
            return new LiveEvents(self -> {
                var http = java.net.http.HttpClient.newHttpClient();
                HttpResponse<InputStream> response;
                try {
                    response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/events"))
                            .header("Accept", "text/event-stream").build(), BodyHandlers.ofInputStream());
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                assertThat(response.statusCode()).isEqualTo(200);
                Thread.ofVirtual().start(() -> self.read(response.body()));
                return () -> {
                    response.body().close();
                    http.close();
                };
            });
        }

        private void read(InputStream body) {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String name = "message";
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (line.startsWith("event:")) {
                        name = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        received.add(new Received(name, JSON.readTree(line.substring(5).strip())));
                    } else if (line.isEmpty()) {
                        name = "message";
                    }
                }
            } catch (IOException e) {
                // closed by the test
            }
        }

        JsonNode await(String name, long ticketId) {
            String idField = "new_comment".equals(name) ? "ticket_id" : "id";
            return org.awaitility.Awaitility.await().atMost(WAIT).until(() -> received.stream()
                    .filter(event -> event.name().equals(name) && event.payload().path(idField).asLong() == ticketId)
                    .map(Received::payload).findFirst(), Optional::isPresent).orElseThrow();
        }

        @Override
        public void close() {
            try {
                connection.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
