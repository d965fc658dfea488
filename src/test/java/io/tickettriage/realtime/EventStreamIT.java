package io.tickettriage.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import io.tickettriage.support.Api;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Server-Sent Events at /events, read with the JDK's HTTP client as any non-Socket.IO client would. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "triage.auth=none", "DATABASE_URL=sqlite:///target/it-${random.uuid}.db", "triage.knowledge.dir=target/knowledge-${random.uuid}",
        "triage.realtime.keep-alive=200ms"})
class EventStreamIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    SseStreams streams;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @Test
    void streamsEachChangeWithAnIdAndTheRestRepresentation() {
        try (Stream stream = open(null)) {
            assertThat(stream.response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/event-stream"));
            JsonNode created = api.post("/tickets", "{\"title\": \"Printer on floor 3 is jammed\"}").json();
            long id = created.path("id").asLong();

            Event createdEvent = stream.await(LiveEvent.TICKET_CREATED, id);
            Event routedEvent = stream.await(LiveEvent.TICKET_ROUTED, id);

            assertThat(createdEvent.json()).isEqualTo(created);
            assertThat(routedEvent.json()).isEqualTo(api.get("/tickets/" + id).json());
            assertThat(Long.parseLong(routedEvent.id())).isGreaterThan(Long.parseLong(createdEvent.id()));
            // idle streams carry keep-alive comments so that proxies do not cut them
            await().atMost(Duration.ofSeconds(10)).until(() -> stream.comments().contains("keep-alive"));
        }
    }

    @Test
    void resumesAfterLastEventIdWithExactlyTheMissedEvents() {
        long id;
        String resumeFrom;
        try (Stream stream = open(null)) {
            id = api.post("/tickets", "{\"title\": \"Outlook keeps asking for my password\"}").json().path("id")
                    .asLong();
            resumeFrom = stream.await(LiveEvent.TICKET_ROUTED, id).id();
        }
        api.post("/tickets/" + id + "/comments", "{\"text\": \"Happens after every restart\"}");
        api.patch("/tickets/" + id + "/status?status=closed");

        try (Stream resumed = open(resumeFrom)) {
            resumed.await(LiveEvent.TICKET_UPDATED, id);
            assertThat(resumed.events()).extracting(Event::name)
                    .containsExactly(LiveEvent.NEW_COMMENT, LiveEvent.TICKET_UPDATED);
        }
    }

    @Test
    void tellsAClientWhoseLastEventIdIsNoLongerKnownToReload() {
        try (Stream stream = open("12")) {
            Event reset = await().atMost(Duration.ofSeconds(10)).until(() -> stream.events().stream()
                    .filter(event -> event.name().equals(SseStreams.STREAM_RESET)).findFirst(), Optional::isPresent)
                    .orElseThrow();
            assertThat(reset.id()).isNotBlank();
        }
    }

    @Test
    void forgetsAStreamOnceItsClientHasGone() {
        int before = streams.openStreams();
        Stream stream = open(null);
        await().atMost(Duration.ofSeconds(10)).until(() -> streams.openStreams() == before + 1);

        stream.close();

        // found by the next keep-alive write failing
        await().atMost(Duration.ofSeconds(10)).until(() -> streams.openStreams() == before);
    }

    record Event(@Nullable String id, String name, String data) {

        JsonNode json() {
            return JSON.readTree(data);
        }
    }

    Stream open(@Nullable String lastEventId) {
        return lastEventId == null ? Stream.open(port, "", Map.of())
                : Stream.open(port, "", Map.of("Last-Event-ID", lastEventId));
    }

    /** Parses the stream on a thread of its own, as an EventSource does. */
    static final class Stream implements AutoCloseable {

        final HttpResponse<InputStream> response;
        private final HttpClient http;
        private final List<Event> events = new CopyOnWriteArrayList<>();
        private final List<String> comments = new CopyOnWriteArrayList<>();

        /** Opens {@code /events} plus {@code query} on the local port with these headers; expects 200. */
        static Stream open(int port, String query, Map<String, String> headers) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/events"
                    + query)).header("Accept", "text/event-stream");
            headers.forEach(request::header);
            HttpClient http = HttpClient.newHttpClient();
            try {
                HttpResponse<InputStream> response = http.send(request.build(), BodyHandlers.ofInputStream());
                assertThat(response.statusCode()).isEqualTo(200);
                return new Stream(http, response);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        Stream(HttpClient http, HttpResponse<InputStream> response) {
            this.http = http;
            this.response = response;
            Thread.ofVirtual().start(this::read);
        }

        private void read() {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String id = null;
                String name = "message";
                List<String> data = new ArrayList<>();
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (line.isEmpty()) {
                        if (!data.isEmpty()) {
                            events.add(new Event(id, name, String.join("\n", data)));
                        }
                        id = null;
                        name = "message";
                        data.clear();
                    } else if (line.startsWith(":")) {
                        comments.add(line.substring(1).strip());
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).strip();
                    } else if (line.startsWith("event:")) {
                        name = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        data.add(line.substring(5).strip());
                    }
                }
            } catch (IOException e) {
                // closed by the test
            }
        }

        List<Event> events() {
            return List.copyOf(events);
        }

        List<String> comments() {
            return List.copyOf(comments);
        }

        Event await(String name, long id) {
            return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> events.stream()
                    .filter(event -> event.name().equals(name) && event.json().path("id").asLong() == id)
                    .findFirst(), Optional::isPresent).orElseThrow();
        }

        @Override
        public void close() {
            try {
                response.body().close();
            } catch (IOException e) {
                // already closed
            }
            http.close();
        }
    }
}
