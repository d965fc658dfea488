package io.tickettriage.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.Map;

import io.tickettriage.support.Api;
import io.tickettriage.support.Api.Reply;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/** The ticket API over real HTTP, on a real SQLite file, with the real engine behind it. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"triage.auth=none", "DATABASE_URL=sqlite:///target/it-${random.uuid}.db", "triage.knowledge.dir=target/knowledge-${random.uuid}"})
class TicketApiIT {

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
    void createsATicketAsPendingThenRoutesIt() {
        Reply created = api.post("/tickets", Api.json(Map.of("title", "Laptop screen flickers after docking",
                "description", "Since this morning my external monitor flickers whenever the laptop is docked.")));

        assertThat(created.status()).isEqualTo(201);
        JsonNode ticket = created.json();
        assertThat(ticket.get("status").asString()).isEqualTo("pending");
        assertThat(ticket.get("assigned_to").asString()).isEmpty();
        assertThat(ticket.get("created_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
        for (String field : new String[] {"id", "title", "description", "created_at", "updated_at", "priority",
                "level", "assigned_to", "confidence", "status"}) {
            assertThat(ticket.has(field)).as(field).isTrue();
        }

        long id = ticket.get("id").asLong();
        JsonNode routed = awaitRouted(id);
        assertThat(routed.get("assigned_to").asString()).isEqualTo("Hardware Team");
        assertThat(routed.get("confidence").asDouble()).isBetween(0.0, 1.0);
        assertThat(api.get("/tickets/" + id + "/explanation").json().get("nearest_examples").isArray()).isTrue();
    }

    @Test
    void keepsPriorityAndLevelGivenAtCreationAsRequestedAndMapsLegacyValues() {
        JsonNode ticket = api.post("/tickets", Api.json(Map.of("title", "Keyboard missing keys",
                "priority", "Normal", "level", "Level 2 Support"))).json();
        assertThat(ticket.get("priority").asString()).isEqualTo("Medium");
        assertThat(ticket.get("level").asString()).isEqualTo("Tier 2");
        assertThat(ticket.get("requested_priority").asString()).isEqualTo("Medium");
        assertThat(ticket.get("requested_level").asString()).isEqualTo("Tier 2");
        JsonNode routed = awaitRouted(ticket.get("id").asLong());
        assertThat(routed.get("requested_priority").asString()).isEqualTo("Medium");
        assertThat(routed.get("requested_level").asString()).isEqualTo("Tier 2");

        JsonNode unstated = api.post("/tickets", "{\"title\": \"Mouse double-clicks\"}").json();
        assertThat(unstated.get("requested_priority").isNull()).isTrue();
        assertThat(unstated.get("requested_level").isNull()).isTrue();
    }

    @Test
    void listsNewestFirstWithFiltersAndCursorPaging() {
        String marker = "paging-" + System.nanoTime();
        long first = create("Outlook " + marker + " one");
        long second = create("Outlook " + marker + " two");
        long third = create("Outlook " + marker + " three");

        Reply page = api.get("/tickets?q=" + marker + "&limit=2");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().valueStream().map(t -> t.get("id").asLong())).containsExactly(third, second);
        var response = api.raw(api.request("/tickets?q=" + marker.toUpperCase() + "&limit=2").GET());
        String cursor = response.headers().firstValue("X-Next-Cursor").orElseThrow();
        assertThat(response.headers().firstValue("Link").orElseThrow()).contains("rel=\"next\"");

        Reply next = api.get("/tickets?q=" + marker + "&limit=2&cursor=" + cursor);
        assertThat(next.json().valueStream().map(t -> t.get("id").asLong())).containsExactly(first);

        awaitRouted(third);
        JsonNode routed = api.get("/tickets?status=routed&q=" + marker + "&limit=200").json();
        assertThat(routed.valueStream().map(t -> t.get("id").asLong())).contains(third);
        String team = routed.get(0).get("assigned_to").asString();
        JsonNode byTeam = api.get("/tickets?team=" + team.replace(" ", "%20") + "&q=" + marker).json();
        assertThat(byTeam.valueStream().map(t -> t.get("assigned_to").asString())).containsOnly(team);
    }

    @Test
    void listsUpToTenThousandTicketsWithoutALimitThenGivesTheNextLink() {
        String marker = "bulk-" + System.nanoTime();
        // 10,001 stored tickets, as many years of history would leave them (written directly: creating them through
        // the API would triage each)
        jdbc.sql("""
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10001)
                INSERT INTO tickets (title, description, created_at, updated_at, priority, level, assigned_to, status,
                                     priority_source, level_source, team_source)
                SELECT ? || ' ' || i, '', 0, 0, 'Medium', 'Tier 1', 'Hardware Team', 'routed', 'engine', 'engine',
                       'engine' FROM n""").param(marker).update();

        var first = api.raw(api.request("/tickets?q=" + marker).GET());

        assertThat(first.statusCode()).isEqualTo(200);
        JsonNode tickets = new Reply(200, "", first.body()).json();
        assertThat(tickets.size()).isEqualTo(10_000);
        assertThat(tickets.get(0).get("title").asString()).isEqualTo(marker + " 10001");
        String cursor = first.headers().firstValue("X-Next-Cursor").orElseThrow();
        assertThat(cursor).isEqualTo(tickets.get(9_999).get("id").asString());
        assertThat(first.headers().firstValue("Link")).hasValue(
                "</tickets?q=" + marker + "&cursor=" + cursor + ">; rel=\"next\"");

        var rest = api.raw(api.request("/tickets?q=" + marker + "&cursor=" + cursor).GET());
        assertThat(new Reply(200, "", rest.body()).json().valueStream().map(t -> t.get("title").asString()))
                .containsExactly(marker + " 1");
        assertThat(rest.headers().firstValue("Link")).isEmpty();

        Reply none = api.get("/tickets?q=" + marker + "-none");
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.json().isArray()).isTrue();
        assertThat(none.json().size()).isZero();
    }

    @Test
    void closesAndReopensWithQueryParameterOrJsonBody() {
        long id = create("Printer on floor 2 jams");
        awaitRouted(id);

        Reply closed = api.patch("/tickets/" + id + "/status?status=closed");
        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.json().get("status").asString()).isEqualTo("closed");
        assertThat(closed.json().get("closed_at").isNull()).isFalse();

        assertThat(api.patch("/tickets/" + id + "/status?status=closed").status()).isEqualTo(409);

        Reply reopened = api.patch("/tickets/" + id + "/status", "{\"status\": \"routed\"}");
        assertThat(reopened.status()).isEqualTo(200);
        assertThat(reopened.json().get("status").asString()).isEqualTo("routed");
        assertThat(reopened.json().get("closed_at").isNull()).isTrue();

        assertThat(api.patch("/tickets/" + id + "/status", "{\"status\": \"reopen\"}").status()).isEqualTo(409);
        assertThat(api.patch("/tickets/" + id + "/status?status=pending").status()).isEqualTo(409);
    }

    @Test
    void agentChangesTeamPriorityAndTier() {
        long id = create("Cannot open the payroll spreadsheet");
        awaitRouted(id);

        Reply changed = api.patch("/tickets/" + id,
                "{\"assigned_to\": \"HR Team\", \"priority\": \"Urgent\", \"level\": \"Level 3 Support\"}");

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("assigned_to").asString()).isEqualTo("HR Team");
        assertThat(changed.json().get("priority").asString()).isEqualTo("Urgent");
        assertThat(changed.json().get("level").asString()).isEqualTo("Tier 3");
        assertThat(api.patch("/tickets/" + id, "{\"team\": \"Network Team\"}").json().get("assigned_to").asString())
                .isEqualTo("Network Team");
    }

    @Test
    void deletesATicketWithItsComments() {
        long id = create("Old ticket to delete");
        assertThat(api.post("/tickets/" + id + "/comments", "{\"text\": \"first\"}").status()).isEqualTo(201);

        Reply deleted = api.delete("/tickets/" + id);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("detail").asString()).isEqualTo("Deleted");
        assertThat(deleted.json().get("id").asLong()).isEqualTo(id);

        assertThat(api.get("/tickets/" + id).status()).isEqualTo(404);
        assertThat(api.get("/tickets/" + id + "/comments").status()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM comments WHERE ticket_id = ?").param(id).query(Long.class).single())
                .isZero();
        assertThat(api.delete("/tickets/" + id).status()).isEqualTo(404);
    }

    @Test
    void addsAndListsComments() {
        long id = create("Teams calls drop");
        Reply comment = api.post("/tickets/" + id + "/comments", "{\"text\": \"Happens on Wi-Fi only\"}");

        assertThat(comment.status()).isEqualTo(201);
        assertThat(comment.json().get("ticket_id").asLong()).isEqualTo(id);
        assertThat(comment.json().get("text").asString()).isEqualTo("Happens on Wi-Fi only");
        assertThat(comment.json().has("created_at")).isTrue();
        assertThat(api.get("/tickets/" + id + "/comments").json().valueStream()
                .map(c -> c.get("text").asString())).containsExactly("Happens on Wi-Fi only");
    }

    @Test
    void refusesBadInputWithProblemResponsesAndWritesNothing() {
        long id = create("Existing ticket for bad requests");
        long tickets = count("tickets");
        long comments = count("comments");
        long jobs = count("jobs");

        expectProblem(api.post("/tickets", "{\"title\": \"x\","), 400, "not valid JSON");
        expectProblem(api.post("/tickets", "[1, 2]"), 422, null);
        expectProblem(api.post("/tickets", "{\"description\": \"no title\"}"), 422, "title");
        expectProblem(api.post("/tickets", "{\"title\": \"   \"}"), 422, "title");
        expectProblem(api.post("/tickets", Api.json(Map.of("title", "t".repeat(201)))), 422, "title");
        expectProblem(api.post("/tickets", Api.json(Map.of("title", "ok", "description", "d".repeat(20_001)))), 422,
                "description");
        expectProblem(api.post("/tickets", "{\"title\": {\"nested\": true}}"), 422, "title");
        expectProblem(api.post("/tickets", "{\"title\": \"ok\", \"priority\": \"Critical\"}"), 422, "priority");
        expectProblem(api.post("/tickets", "{\"title\": \"ok\", \"level\": \"Tier 9\"}"), 422, "level");
        String huge = Api.json(Map.of("title", "big", "description", "x".repeat(1_100_000)));
        expectProblem(api.post("/tickets", huge), 413, "limit");
        expectProblem(api.send("/tickets", "POST", "application/json",
                BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge.getBytes()))), 413, "limit");
        expectProblem(api.send("/tickets", "POST", "text/plain", BodyPublishers.ofString("title=x")), 415, null);
        expectProblem(api.get("/tickets/987654321"), 404, "987654321");
        expectProblem(api.get("/tickets/not-a-number"), 404, "not-a-number");
        expectProblem(api.patch("/tickets/987654321/status?status=closed"), 404, "987654321");
        expectProblem(api.patch("/tickets/" + id + "/status?status=archived"), 422, "status");
        expectProblem(api.patch("/tickets/" + id + "/status"), 422, "status");
        expectProblem(api.patch("/tickets/" + id, "{\"assigned_to\": \"Facilities Team\"}"), 422, "Facilities Team");
        expectProblem(api.patch("/tickets/" + id, "{\"priority\": \"Whenever\"}"), 422, "priority");
        expectProblem(api.patch("/tickets/" + id, "{}"), 422, "assigned_to");
        expectProblem(api.get("/tickets?limit=0"), 422, "limit");
        expectProblem(api.get("/tickets?limit=abc"), 422, "limit");
        expectProblem(api.get("/tickets?status=open"), 422, "status");
        expectProblem(api.get("/tickets?cursor=xyz"), 422, "cursor");
        expectProblem(api.post("/tickets/" + id + "/comments", "{\"text\": \"\"}"), 422, "text");
        expectProblem(api.post("/tickets/987654321/comments", "{\"text\": \"hi\"}"), 404, "987654321");
        expectProblem(api.get("/no/such/path"), 404, "Nothing at GET /no/such/path");
        expectProblem(api.post("/tickets", Api.json(Map.of("title", "😀".repeat(201)))), 422,
                "title must be at most 200 characters");
        expectProblem(api.send("/tickets", "POST", "", BodyPublishers.ofString("{\"title\": \"x\"}")), 415,
                "no Content-Type header; send the body as application/json");
        expectProblem(api.patch("/tickets/" + id + "/status?status=closed", "{\"status\": \"routed\"}"), 422,
                "status is given twice");
        expectProblem(api.patch("/tickets/" + id, "{\"assigned_to\": \"HR Team\", \"team\": \"Network Team\"}"),
                422, "give one");
        Reply wrongType = api.get("/tickets?limit=abc");
        assertThat(wrongType.json().get("errors").get(0).get("field").asString()).isEqualTo("limit");

        assertThat(count("tickets")).isEqualTo(tickets);
        assertThat(count("comments")).isEqualTo(comments);
        assertThat(count("jobs")).isLessThanOrEqualTo(jobs);
    }

    @Test
    void acceptsOrClearlyRefusesPoisonTextAndTriagesEveryTicketItAccepted() {
        Map<String, String> accepted = new java.util.LinkedHashMap<>();
        accepted.put("at the length limits", Api.json(Map.of("title", "T".repeat(200),
                "description", "printer offline ".repeat(1_250))));
        accepted.put("control characters and NUL", Api.json(Map.of("title", "Printer\u0000 jam\u0007\u001b[31m red",
                "description", "line\r\nbreak\ttab\u0000\u0008\u007f\u0085 end")));
        accepted.put("mixed scripts", Api.json(Map.of("title", "Пароль 密码 パスワード password reset",
                "description", "Ελληνικά, देवनागरी, 한국어 and English in one ticket")));
        accepted.put("right to left", Api.json(Map.of("title", "\u202eلا أستطيع الدخول إلى البريد",
                "description", "שלום, the VPN מנותק every hour \u202c\u200f")));
        accepted.put("200 emoji, 400 Java chars", Api.json(Map.of("title", "😀".repeat(200))));
        accepted.put("emoji at the limit", Api.json(Map.of("title", "🔥💻🙈".repeat(33),
                "description", "👩🏽‍💻".repeat(2_857))));
        accepted.put("lone surrogates", "{\"title\": \"broken \\ud800 pair \\udfff\", \"description\": \"x\\ud83d\"}");
        java.util.List<Long> ids = new java.util.ArrayList<>();
        accepted.forEach((name, body) -> {
            Reply reply = api.post("/tickets", body);
            assertThat(reply.status()).as(name + ": " + reply.body()).isEqualTo(201);
            ids.add(reply.json().get("id").asLong());
        });
        // the NUL character is dropped (PostgreSQL cannot store it), the other control characters are kept
        assertThat(api.get("/tickets/" + ids.get(1)).json().get("title").asString())
                .isEqualTo("Printer jam\u0007\u001b[31m red");

        long before = count("tickets");
        expectProblem(api.send("/tickets", "POST", "application/json", BodyPublishers.ofByteArray(
                new byte[] {'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xff, (byte) 0xfe, (byte) 0xc3,
                        '"', '}'})), 400, "not valid JSON");
        byte[] binary = new byte[4_096];
        new java.util.Random(7).nextBytes(binary);
        expectProblem(api.send("/tickets", "POST", "application/json", BodyPublishers.ofByteArray(binary)), 400, null);
        expectProblem(api.send("/tickets", "POST", "application/octet-stream", BodyPublishers.ofByteArray(binary)),
                415, null);
        expectProblem(api.post("/tickets", Api.json(Map.of("title", "\u0000\u0000\u0000 \t\r\n"))), 422, "title");
        expectProblem(api.post("/tickets", Api.json(Map.of("title", "\u200b\u200f\u202e\u00a0"))), 422, "title");
        assertThat(count("tickets")).isEqualTo(before);

        for (long id : ids) {
            JsonNode triaged = await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/tickets/" + id).json(),
                    ticket -> !ticket.get("status").asString().equals("pending"));
            assertThat(triaged.get("assigned_to").asString()).as("ticket " + id).isNotBlank();
            assertThat(api.get("/tickets/" + id + "/explanation").status()).isEqualTo(200);
        }
    }

    @Test
    void servesApiDocsFromTheJar() {
        assertThat(api.get("/openapi.json").json().get("paths").has("/tickets")).isTrue();
        assertThat(api.raw(api.request("/docs").GET()).statusCode()).isIn(200, 302);
        assertThat(api.get("/swagger-ui/index.html").status()).isEqualTo(200);
        Reply redoc = api.get("/redoc");
        assertThat(redoc.body()).contains("/redoc/redoc.standalone.js").doesNotContain("cdn");
        assertThat(api.get("/redoc/redoc.standalone.js").status()).isEqualTo(200);
        assertThat(api.get("/actuator/health").json().get("status").asString()).isEqualTo("UP");
        assertThat(api.get("/actuator/prometheus").body()).contains("triage_tickets_received_total")
                .contains("triage_jobs_queue_depth").contains("triage_routing_latency_seconds_bucket");
    }

    @Test
    void documentsTheListAsAnArrayOfTicketsAndTheDeleteAnswer() {
        JsonNode tickets = api.get("/openapi.json").json().get("paths").get("/tickets");
        JsonNode list = tickets.at("/get/responses/200/content/application~1json/schema");
        assertThat(list.get("type").asString()).isEqualTo("array");
        assertThat(list.at("/items/$ref").asString()).endsWith("/Ticket");
        JsonNode deleted = api.get("/openapi.json").json().get("paths").get("/tickets/{id}")
                .at("/delete/responses/200/content/application~1json/schema/$ref");
        assertThat(deleted.asString()).endsWith("/Deleted");
    }

    private void expectProblem(Reply reply, int status, String detailPart) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asString()).isNotBlank();
        if (detailPart != null) {
            assertThat(problem.get("detail").asString()).contains(detailPart);
        }
        assertThat(reply.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private long create(String title) {
        Reply reply = api.post("/tickets", Api.json(Map.of("title", title, "description", "")));
        assertThat(reply.status()).isEqualTo(201);
        return reply.json().get("id").asLong();
    }

    private JsonNode awaitRouted(long id) {
        // the first routing waits for the embedding model to load: minutes on a two-core machine under load
        return await().atMost(Duration.ofMinutes(3)).until(() -> api.get("/tickets/" + id).json(),
                ticket -> ticket.get("status").asString().equals("routed"));
    }

    private long count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }
}
