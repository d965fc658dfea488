package io.tickettriage.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.tickettriage.support.Api;
import io.tickettriage.support.Api.Reply;
import io.tickettriage.ticket.Ticket;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import tools.jackson.databind.JsonNode;

/**
 * Assignment on SQLite, where every write transaction takes the database's one write lock; and the API of agents,
 * policies and targets over real HTTP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {"triage.auth=none", "triage.role=api",
        "DATABASE_URL=sqlite:///target/it-${random.uuid}.db", "triage.knowledge.dir=target/knowledge-${random.uuid}"})
@Import(AssignmentScenarios.Listening.class)
class AssignmentIT extends AssignmentScenarios {

    @LocalServerPort
    int port;

    @Test
    void agentsAreCreatedReplacedAndListedWithTheirOpenTickets() {
        Api api = new Api(port);
        String name = prefix + "ann";
        Reply created = put(api, "/agents/" + name, json(Map.of("teams", List.of(HARDWARE),
                "email", "ann@example.com", "max_open_tickets", 3)));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("availability").asString()).isEqualTo("available");
        Reply replaced = put(api, "/agents/" + name, json(Map.of("teams", List.of(HARDWARE, NETWORK), "availability", "away")));
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().get("max_open_tickets").asInt()).isEqualTo(20);

        JsonNode listed = api.get("/agents").json();
        assertThat(listed.valueStream().map(agent -> agent.get("name").asString())).contains(name);
        JsonNode ann = listed.valueStream().filter(agent -> agent.get("name").asString().equals(name)).findFirst()
                .orElseThrow();
        assertThat(ann.get("teams").valueStream().map(JsonNode::asString)).containsExactly(HARDWARE, NETWORK);
        assertThat(ann.get("open_tickets").asLong()).isZero();
        Reply back = put(api, "/agents/" + name + "/availability", "{\"availability\": \"available\"}");
        assertThat(back.status()).isEqualTo(200);
        assertThat(back.json().get("availability").asString()).isEqualTo("available");

        Reply deleted = api.delete("/agents/" + name);
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(deleted.json().get("detail").asString()).isEqualTo("Deleted");
        assertThat(deleted.json().get("returned_to_queue").size()).isZero();
        assertProblem(api.get("/agents/" + name), 404, "No agent named");
        assertProblem(api.delete("/agents/" + name), 404, "No agent named '" + name + "'");
    }

    @Test
    void anAgentWhoseNameNeedsEncodingInTheAddressIsCreatedWithItsLocation() throws Exception {
        Api api = new Api(port);
        String name = prefix + "John Smith Jürgen";
        String path = "/agents/" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
        var response = api.raw(api.request(path).header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"teams\": [\"" + HARDWARE + "\"]}")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(response.headers().firstValue("Location")).contains(path);
        assertThat(api.get(path).json().get("name").asString()).isEqualTo(name);
        api.delete(path);
    }

    @Test
    void badProfilesPoliciesAndTargetsAreRefusedWithTheReason() {
        Api api = new Api(port);
        assertProblem(put(api, "/agents/" + prefix + "x", "{\"teams\": [\"Catering\"]}"),
                422, "Unknown team 'Catering'");
        assertProblem(put(api, "/agents/" + prefix + "x", "{}"), 422, "teams is required");
        assertProblem(put(api, "/agents/" + prefix + "x", "{\"teams\": [], \"max_open_tickets\": 0}"), 422, "max_open_tickets must be between 1");
        assertProblem(put(api, "/agents/" + prefix + "x", "{\"teams\": [], \"availability\": \"gone\"}"), 422, "use available or away");
        assertProblem(put(api, "/agents/" + prefix + "x", "{\"teams\": "), 400, "");
        assertProblem(put(api, "/agents/" + prefix + "x", "{\"teams\": [], \"max_open_tickets\": 99999999999}"), 422,
                "max_open_tickets is out of range");
        assertProblem(put(api, "/sla", "{\"targets\": [{\"priority\": \"Low\"}]}"), 422,
                "targets.[0].first_response_minutes is required");
        assertProblem(put(api, "/agents/nobody/availability", "{\"availability\": \"away\"}"), 404, "No agent named 'nobody'");
        assertProblem(put(api, "/teams/Catering/policy", "{\"assignment\": \"none\"}"),
                422, "Unknown team");
        assertProblem(put(api, "/teams/" + HARDWARE.replace(" ", "%20") + "/policy", "{\"assignment\": \"lottery\"}"), 422, "round_robin, least_loaded, expertise, none");
        assertProblem(put(api, "/sla", "{\"targets\": [{\"priority\": \"Urgent\", \"first_response_minutes\": 60, \"resolution_minutes\": 30}]}"),
                422, "at least first_response_minutes");
        assertProblem(put(api, "/sla", "{\"targets\": [{\"priority\": \"Whenever\", \"first_response_minutes\": 1, \"resolution_minutes\": 1}]}"),
                422, "Unknown priority");
    }

    @Test
    void targetsAreSetForNewTicketsAndTicketsCarryTheirAssigneeAndDueTimes() {
        Api api = new Api(port);
        Reply set = put(api, "/sla", "{\"targets\": [{\"priority\": \"Medium\", "
                + "\"first_response_minutes\": 30, \"resolution_minutes\": 120}]}");
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.json().get("targets").valueStream().filter(t -> t.get("priority").asString().equals("Urgent"))
                .findFirst().orElseThrow().get("first_response_minutes").asLong()).as("default kept").isEqualTo(60);
        assertThat(set.json().get("targets").valueStream().filter(t -> t.get("priority").asString().equals("Medium"))
                .findFirst().orElseThrow().get("first_response_minutes").asLong()).as("the answer holds the new target")
                .isEqualTo(30);
        try {
            agent("ann", 5, HARDWARE);
            Ticket ticket = assignment.assign(route("Docking station dead", HARDWARE), null).orElseThrow();
            assertThat(ticket.firstResponseDue()).isEqualTo(ticket.createdAt().plusSeconds(30 * 60));

            JsonNode json = api.get("/tickets/" + ticket.id()).json();
            assertThat(json.get("assignee").asString()).isEqualTo(prefix + "ann");
            assertThat(json.get("assignment_reason").asString()).startsWith("Least loaded in Hardware Team");
            assertThat(json.get("first_response_due").asString()).endsWith("Z");
            assertThat(json.get("resolution_due").asString()).endsWith("Z");
            assertThat(json.get("first_response_at").isNull()).isTrue();
            assertThat(json.get("sla_breached").asBoolean()).isFalse();
            assertThat(api.get("/tickets?assignee=" + prefix + "ann").json().valueStream()
                    .map(t -> t.get("id").asLong())).containsExactly(ticket.id());

            agent("bob", 5, HARDWARE);
            Reply moved = api.patch("/tickets/" + ticket.id(), "{\"assignee\": \"" + prefix + "bob\"}");
            assertThat(moved.status()).isEqualTo(200);
            assertThat(moved.json().get("assignee").asString()).isEqualTo(prefix + "bob");
            assertProblem(api.patch("/tickets/" + ticket.id(), "{\"assignee\": \"nobody\"}"), 422, "No agent named");
        } finally {
            put(api, "/sla", "{\"targets\": []}");
        }
    }

    @Test
    void teamsBusinessHoursAreSetReadAndClearedAndBadOnesRefused() {
        Api api = new Api(port);
        String path = "/teams/" + NETWORK.replace(" ", "%20") + "/hours";
        assertThat(api.get(path).json().get("calendar_time").asBoolean()).isTrue();
        try {
            Reply set = put(api, path, "{\"time_zone\": \"Europe/Paris\", \"days\": [\"mon\", \"TUE\", \"WED\", "
                    + "\"THU\", \"FRI\"], \"start\": \"09:00\", \"end\": \"17:30\"}");
            assertThat(set.status()).as(set.body()).isEqualTo(200);
            JsonNode read = api.get(path).json();
            assertThat(read.get("calendar_time").asBoolean()).isFalse();
            assertThat(read.get("time_zone").asString()).isEqualTo("Europe/Paris");
            assertThat(read.get("days").valueStream().map(JsonNode::asString))
                    .containsExactly("MON", "TUE", "WED", "THU", "FRI");
            assertThat(read.get("end").asString()).isEqualTo("17:30");

            String good = "\"days\": [\"MON\"], \"start\": \"09:00\", \"end\": \"17:00\"";
            assertProblem(put(api, path, "{\"time_zone\": \"Mars/Olympus\", " + good + "}"), 422, "Unknown time zone");
            assertProblem(put(api, path, "{\"time_zone\": \"UTC\", \"days\": [\"Funday\"], \"start\": \"09:00\", "
                    + "\"end\": \"17:00\"}"), 422, "Unknown day 'Funday'");
            assertProblem(put(api, path, "{\"time_zone\": \"UTC\", \"days\": [\"MON\"], \"start\": \"17:00\", "
                    + "\"end\": \"09:00\"}"), 422, "end must be after start");
            assertProblem(put(api, path, "{\"time_zone\": \"UTC\", \"days\": [\"MON\"], \"start\": \"25:00\", "
                    + "\"end\": \"26:00\"}"), 422, "not a time of day");
            assertProblem(put(api, "/teams/Catering/hours", "{\"time_zone\": \"UTC\", " + good + "}"), 422,
                    "Unknown team 'Catering'");
            assertThat(api.get(path).json().get("end").asString()).as("nothing changed").isEqualTo("17:30");
        } finally {
            Reply cleared = api.delete(path);
            assertThat(cleared.status()).isEqualTo(200);
            assertThat(cleared.json().get("calendar_time").asBoolean()).isTrue();
        }
    }

    private static Reply put(Api api, String path, String json) {
        return api.send(path, "PUT", "application/json", java.net.http.HttpRequest.BodyPublishers.ofString(json));
    }

    private static String json(Object value) {
        return Api.json(value);
    }

    private static void assertProblem(Reply reply, int status, String detail) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("detail").asString()).contains(detail);
    }
}
