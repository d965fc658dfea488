package io.tickettriage.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.tickettriage.support.Api;
import io.tickettriage.support.AppProcess;
import io.tickettriage.support.FakeGlpi;
import io.tickettriage.support.FreePorts;
import io.tickettriage.support.LocalRedis;
import io.tickettriage.support.TestDatabases;
import io.tickettriage.system.DatabaseUrl;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import tools.jackson.databind.JsonNode;

/**
 * The scale-out mode as it is deployed: two API processes and two worker processes, real separate JVMs, on one
 * PostgreSQL database and one Redis server, every process configured through DATABASE_URL and REDIS_URL only, with a
 * GLPI connector and a support mailbox that the workers poll.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {

    private static final int TICKETS = 500;
    /** Four JVMs each load the embedding model on two shared cores: keep each one small. */
    private static final List<String> CHILD_JVM = List.of("-Xmx384m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Xshare:auto");
    private static final String[] TEXTS = {
        "Laptop screen flickers after docking|External monitor goes black on the dock",
        "VPN drops every few minutes|Connection to the office network keeps failing from home",
        "Clicked a suspicious link in an email|It asked for my password and I typed it",
        "Excel crashes when opening a large file|The spreadsheet application closes without an error",
        "Question about parental leave policy|How many weeks of leave am I entitled to",
    };

    /** One outage reported six ways: one incident, whichever worker routes which report. */
    private static final String[] STORM = {
        "Email is down, cannot send or receive messages",
        "Cannot send or receive email, the mail server seems down",
        "Email down for me too, nothing comes in or goes out",
        "Mail server is down, email is not working",
        "Email not working: cannot send or receive anything",
        "Is email down? I cannot send or receive messages",
    };

    private final Path workDir = Path.of("target", "scale-out-" + UUID.randomUUID()).toAbsolutePath();

    private static final String MAILBOX_PASSWORD = "secret";

    private LocalRedis redis;
    private FakeGlpi glpi;
    private GreenMail mailServer;
    private GreenMailUser mailbox;
    private String databaseUrl;
    private final List<AppProcess> apis = new ArrayList<>();
    private final List<AppProcess> workers = new ArrayList<>();
    private final List<LiveSocket> sockets = new ArrayList<>();
    /** Tickets of the tests before the 500-ticket run, whose events it leaves out of its counts. */
    private final Set<Long> earlierTests = new HashSet<>();

    @BeforeAll
    void startDeployment() throws Exception {
        redis = LocalRedis.started();
        databaseUrl = TestDatabases.postgresUrl();
        glpi = FakeGlpi.start();
        mailServer = new GreenMail(new ServerSetup(FreePorts.next(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        mailServer.start();
        mailbox = mailServer.setUser("support@example.com", "support", MAILBOX_PASSWORD);

        // The first process migrates the schema and stores the starter examples' vectors; the others read them.
        AppProcess first = start("api", "api-1");
        apis.add(first);
        await().atMost(Duration.ofSeconds(90)).until(() -> first.api().get("/teams").json().size() >= 5);
        try (ExecutorService starting = Executors.newFixedThreadPool(3)) {
            Future<AppProcess> api = starting.submit(() -> start("api", "api-2"));
            Future<AppProcess> worker1 = starting.submit(() -> start("worker", "worker-1"));
            Future<AppProcess> worker2 = starting.submit(() -> start("worker", "worker-2"));
            apis.add(api.get());
            workers.add(worker1.get());
            workers.add(worker2.get());
        }
        for (AppProcess api : apis) {
            sockets.add(LiveSocket.connected(api.port(), "websocket"));
        }
    }

    @AfterAll
    void stopDeployment() throws IOException {
        sockets.forEach(LiveSocket::close);
        apis.forEach(AppProcess::close);
        workers.forEach(AppProcess::close);
        if (redis != null) {
            redis.close();
        }
        if (glpi != null) {
            glpi.close();
        }
        if (mailServer != null) {
            mailServer.stop();
        }
    }

    /**
     * Only a worker polls GLPI and the mailbox; the API processes, which answer the dashboard, must report what that
     * worker saw: its last poll, and while a poll fails, why. Both API processes give the same answer.
     */
    @Test
    @Order(-1)
    void everyApiProcessReportsTheLastPollAndTheLastErrorOfTheWorkerThatPolls() {
        for (AppProcess api : apis) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                JsonNode connector = glpiFigures(api);
                assertThat(connector.path("state").asString()).isEqualTo("up");
                assertThat(connector.path("last_poll").isNull()).as("a last poll").isFalse();
                assertThat(connector.path("last_error").isNull()).isTrue();
                JsonNode mail = mailStatus(api);
                assertThat(mail.path("channel").asString()).isEqualTo("up");
                assertThat(mail.path("watch").asString()).isEqualTo("idle");
                assertThat(mail.path("last_poll").isNull()).as("a last look at the mailbox").isFalse();
            });
        }

        glpi.fail("GET /Ticket", Integer.MAX_VALUE, 403, FakeGlpi.error("ERROR_RIGHT_MISSING",
                "You don't have permission to perform this action."));
        mailbox.setPassword("changed");
        try {
            for (AppProcess api : apis) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                    JsonNode connector = glpiFigures(api);
                    assertThat(connector.path("state").asString()).isEqualTo("down");
                    assertThat(connector.path("last_error").asString()).contains("403");
                    assertThat(connector.path("last_poll").isNull()).as("the poll before the failure").isFalse();
                    JsonNode mail = mailStatus(api);
                    assertThat(mail.path("channel").asString()).isEqualTo("down");
                    assertThat(mail.path("error").asString()).contains("refused the login")
                            .doesNotContain(MAILBOX_PASSWORD);
                });
            }
            assertThat(glpiFigures(apis.get(1)).path("last_error"))
                    .isEqualTo(glpiFigures(apis.get(0)).path("last_error"));
        } finally {
            glpi.clearFaults();
            mailbox.setPassword(MAILBOX_PASSWORD);
        }

        for (AppProcess api : apis) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                JsonNode connector = glpiFigures(api);
                assertThat(connector.path("state").asString()).isEqualTo("up");
                assertThat(connector.path("last_error").isNull()).as("no error after a poll succeeded").isTrue();
                JsonNode mail = mailStatus(api);
                assertThat(mail.path("channel").asString()).isEqualTo("up");
                assertThat(mail.path("error").isNull()).isTrue();
            });
        }
    }

    private static JsonNode glpiFigures(AppProcess process) {
        Api.Reply reply = process.api().get("/insights/connectors?days=1");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        for (JsonNode connector : reply.json().path("connectors")) {
            if (connector.path("connector").asString().equals("glpi")) {
                return connector;
            }
        }
        throw new AssertionError("no glpi connector in " + reply.body());
    }

    private static JsonNode mailStatus(AppProcess process) {
        Api.Reply reply = process.api().get("/mail/status?days=1");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    @Test
    @Order(0)
    void similarTicketsOnBothWorkersFormOneIncidentAndATicketClosedThroughAnApiIsNoLongerADuplicate()
            throws Exception {
        double[] routedBefore = {routedBy(workers.get(0)), routedBy(workers.get(1))};
        List<Long> storm;
        try (ExecutorService clients = Executors.newFixedThreadPool(STORM.length)) {
            List<Future<Long>> created = IntStream.range(0, STORM.length)
                    .mapToObj(i -> clients.submit(() -> create(apis.get(i % 2).api(), STORM[i], "")))
                    .toList();
            storm = new ArrayList<>();
            for (Future<Long> id : created) {
                storm.add(id.get());
            }
        }
        earlierTests.addAll(storm);
        storm.forEach(this::awaitRouted);
        assertThat(routedBy(workers.get(0))).as("worker-1 routed some").isGreaterThan(routedBefore[0]);
        assertThat(routedBy(workers.get(1))).as("worker-2 routed some").isGreaterThan(routedBefore[1]);
        List<Long> incidents = storm.stream()
                .map(id -> apis.getFirst().api().get("/tickets/" + id).json().path("incident_id"))
                .filter(incident -> !incident.isNull() && !incident.isMissingNode())
                .map(incident -> incident.asLong())
                .toList();
        assertThat(incidents).as("tickets grouped").hasSizeGreaterThanOrEqualTo(5);
        assertThat(incidents.stream().distinct()).as("incidents").hasSize(1);

        String text = "Projector in boardroom 3 shows no picture from any laptop";
        long closed = create(apis.get(0).api(), text, "The HDMI input stays blue");
        earlierTests.add(closed);
        awaitRouted(closed);
        long open = create(apis.get(0).api(), text, "The HDMI input stays blue, since this morning");
        earlierTests.add(open);
        awaitRouted(open);
        assertThat(apis.get(1).api().patch("/tickets/" + closed + "/status?status=closed").status())
                .isEqualTo(200);
        // Whichever worker assesses these, it must not offer the ticket closed through the other API process.
        long[] later = {create(apis.get(0).api(), text, "The HDMI input stays blue for everyone"),
            create(apis.get(1).api(), text, "The HDMI input stays blue, for everyone")};
        for (long id : later) {
            earlierTests.add(id);
        }
        for (long id : later) {
            awaitRouted(id);
            List<Long> duplicates = apis.get(0).api().get("/tickets/" + id).json().path("possible_duplicates")
                    .valueStream().map(d -> d.path("id").asLong()).toList();
            assertThat(duplicates).as("duplicates of " + id).contains(open).doesNotContain(closed);
        }
    }

    /**
     * Both workers route a burst for one team and assign each ticket right after routing it, while the periodic
     * checks of both release the team's queue (every second here): one PostgreSQL database decides, through the
     * team's row and the agents' rows, who gets what. Every assignment records one webhook delivery in its own
     * transaction, which is what counts them.
     */
    /**
     * The out-of-scope check by words is not stored with the routing model: every process trains it from the same
     * examples. Requests no team owns, in languages the embedding model does not read, go to Manual Review for that
     * reason whichever worker routes them, and either API process's POST /triage gives the same reason.
     */
    @Test
    @Order(0)
    void everyProcessKeepsRequestsNoTeamOwnsInOtherLanguagesOutByTheirWords() {
        String[][] requests = {
            {"Pedido de compra PO-55812 sin aprobar", "Hice el pedido de compra de material de taller hace dos semanas"
                    + " y el proveedor todavía no lo ha recibido. ¿Quién tiene que aprobarlo?"},
            {"Plus de ramettes A4 au 4e", "Le placard des fournitures du 4e est vide : plus de papier A4 ni de "
                    + "post-it. Pouvez-vous en recommander ?"},
            {"Revisar NDA de distribuidor mexicano", "Nos ha llegado el acuerdo de confidencialidad de un "
                    + "distribuidor de México. ¿Puede el departamento legal revisarlo antes del viernes?"},
            {"Broschüren für die Hannover Messe", "Für unseren Stand auf der Hannover Messe brauchen wir 500 "
                    + "gedruckte Produktbroschüren. Die Texte vom letzten Jahr müssen vorher aktualisiert werden."}};
        List<AppProcess> processes = List.of(apis.get(0), apis.get(1), workers.get(0), workers.get(1));
        await().atMost(Duration.ofSeconds(90)).until(() -> processes.stream().allMatch(process -> process.log()
                .contains("Out-of-scope check by words for de, es, fr")));
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < requests.length; i++) {
            ids.add(create(apis.get(i % 2).api(), requests[i][0], requests[i][1]));
        }
        earlierTests.addAll(ids);
        for (long id : ids) {
            awaitRouted(id);
            JsonNode ticket = apis.get(0).api().get("/tickets/" + id).json();
            assertThat(ticket.path("assigned_to").asString()).as(ticket.toString()).isEqualTo("Manual Review");
            assertThat(ticket.path("triage_reason").asString()).startsWith("Out of scope: its words read like");
        }
        List<String> reasons = apis.stream().map(api -> api.api().post("/triage", Api.json(Map.of("title",
                requests[0][0], "description", requests[0][1]))).json().path("reason").asString()).toList();
        assertThat(reasons.getFirst()).startsWith("Out of scope: its words read like a finance request");
        assertThat(reasons).containsOnly(reasons.getFirst());
    }

    @Test
    @Order(1)
    void bothWorkersAssignABurstForOneTeamOnceEachWithinTheCapsAndRoundRobinFair() throws Exception {
        Api admin = apis.getFirst().api();
        List<String> agents = List.of("net-ann", "net-bob", "net-cid");
        Api.Reply hook = admin.post("/webhooks", Api.json(Map.of("url", "http://127.0.0.1:9/assigned",
                "events", List.of("ticket_assigned"))));
        assertThat(hook.status()).as(hook.body()).isEqualTo(201);
        // the earlier test's tickets in this team wait until every agent is there, so that turns start fair
        assertThat(putJson(admin, "/teams/Network%20Team/policy", Map.of("assignment", "none")).status())
                .isEqualTo(200);
        for (String agent : agents) {
            assertThat(putJson(admin, "/agents/" + agent, Map.of("teams", List.of(NETWORK), "max_open_tickets", 6))
                    .status()).isEqualTo(201);
        }
        assertThat(putJson(admin, "/teams/Network%20Team/policy", Map.of("assignment", "round_robin")).status())
                .isEqualTo(200);
        double[] routedBefore = {routedBy(workers.get(0)), routedBy(workers.get(1))};
        try {
            // below the team's capacity (18; the earlier test's tickets in this team count too): each agent gets
            // the same share, within one
            awaitRouted(burst(0, 8));
            long firstRouted = routedIn(NETWORK);
            assertThat(firstRouted).as("the first burst is mostly routed to " + NETWORK).isBetween(6L, 18L);
            await().atMost(Duration.ofSeconds(60)).until(() -> assignedIn(NETWORK) == firstRouted);
            Map<String, Long> shares = openTickets(agents);
            assertThat(Collections.max(shares.values()) - Collections.min(shares.values()))
                    .as("round robin over both workers: " + shares).isLessThanOrEqualTo(1);

            // past it: every agent at their maximum, never beyond, the rest waiting
            awaitRouted(burst(8, 16));
            long routed = routedIn(NETWORK);
            assertThat(routed).as("enough tickets for " + NETWORK + " to fill every agent").isGreaterThan(18);
            await().atMost(Duration.ofSeconds(60)).until(() -> assignedIn(NETWORK) == 18);
            assertThat(openTickets(agents)).allSatisfy((agent, open) -> assertThat(open).isEqualTo(6));
            assertThat(waiting(NETWORK)).isEqualTo(routed - 18);

            // more room: the API process and both workers' checks release the queue at once
            for (String agent : agents) {
                assertThat(putJson(apis.get(1).api(), "/agents/" + agent, Map.of("teams", List.of(NETWORK),
                        "max_open_tickets", 9)).status()).isEqualTo(200);
            }
            long expected = Math.min(routed, 27);
            await().atMost(Duration.ofSeconds(60)).until(() -> assignedIn(NETWORK) == expected);
            assertThat(openTickets(agents)).allSatisfy((agent, open) -> assertThat(open).isLessThanOrEqualTo(9));
            assertThat(waiting(NETWORK)).isEqualTo(routed - expected);

            assertThat(routedBy(workers.get(0))).as("worker-1 routed some").isGreaterThan(routedBefore[0]);
            assertThat(routedBy(workers.get(1))).as("worker-2 routed some").isGreaterThan(routedBefore[1]);
            Map<Long, Long> assignments = new HashMap<>();
            Map<Long, String> announced = new HashMap<>();
            for (String payload : strings("SELECT payload FROM webhook_deliveries WHERE event = 'ticket_assigned'")) {
                tools.jackson.databind.JsonNode ticket = JSON.readTree(payload);
                assignments.merge(ticket.path("id").asLong(), 1L, Long::sum);
                announced.put(ticket.path("id").asLong(), ticket.path("assignee").asString());
            }
            assertThat(assignments).as("one assignment per assigned ticket").hasSize((int) expected)
                    .allSatisfy((id, times) -> assertThat(times).as("assignments of ticket " + id).isEqualTo(1));
            for (Map.Entry<Long, String> ticket : announced.entrySet()) {
                assertThat(admin.get("/tickets/" + ticket.getKey()).json().path("assignee").asString())
                        .isEqualTo(ticket.getValue());
            }
        } finally {
            // the later tests route to this team too: its agents take no more of their tickets
            for (String agent : agents) {
                putJson(admin, "/agents/" + agent + "/availability", Map.of("availability", "away"));
            }
            admin.delete("/webhooks/" + hook.json().path("id").asLong());
        }
    }

    @Test
    @Order(2)
    void routesEveryTicketExactlyOnceAndTellsEveryApiWhenAWorkerIsKilled() throws Exception {
        long routedBefore = count("SELECT COUNT(*) FROM tickets WHERE status = 'routed'");
        List<Long> ids;
        try (ExecutorService clients = Executors.newFixedThreadPool(4)) {
            Future<List<Long>> submitted = clients.submit(() -> submit(0, TICKETS));
            // kill a worker while tickets are still being routed: its unacknowledged jobs go to the other
            await().atMost(Duration.ofSeconds(120)).until(() -> routed(sockets.getFirst()).size() >= 100);
            assertThat(routed(sockets.getFirst())).hasSizeLessThan(TICKETS);
            workers.getFirst().kill();
            ids = submitted.get();
        }
        assertThat(ids).hasSize(TICKETS).doesNotHaveDuplicates();

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> count("SELECT COUNT(*) FROM jobs") == 0
                        && count("SELECT COUNT(*) FROM tickets WHERE status = 'pending'") == 0);
        assertThat(count("SELECT COUNT(*) FROM tickets WHERE status = 'routed'")).isEqualTo(routedBefore + TICKETS);
        for (LiveSocket socket : sockets) {
            await().atMost(Duration.ofSeconds(20)).until(() -> routed(socket).keySet().containsAll(ids));
            assertThat(routed(socket)).as("ticket_routed per ticket").hasSize(TICKETS)
                    .allSatisfy((id, times) -> assertThat(times).as("ticket_routed for ticket " + id).isEqualTo(1));
        }
        assertThat(workers.get(1).log()).contains("Started 2 triage worker(s) on the Redis job stream");
        assertThat(apis.getFirst().log()).doesNotContain("triage worker(s)");
        String database = DatabaseUrl.redact(DatabaseUrl.parse(databaseUrl).jdbcUrl());
        for (AppProcess process : List.of(apis.get(0), apis.get(1), workers.get(0), workers.get(1))) {
            assertThat(process.log()).as("every process uses DATABASE_URL").contains("Database: " + database);
        }
        assertThat(workers.get(1).api().get("/tickets").status()).as("a worker serves no API").isEqualTo(404);
        assertThat(workers.get(1).api().get("/actuator/health").status()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void acceptsTicketsWhileRedisIsDownAndRoutesThemWhenItReturns() throws Exception {
        redis.stop();
        List<Long> ids = submit(TICKETS, 20);
        assertThat(ids).hasSize(20);
        assertThat(count("SELECT COUNT(*) FROM tickets WHERE status = 'pending'")).isEqualTo(20);

        redis.start();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> count("SELECT COUNT(*) FROM tickets WHERE status = 'pending'") == 0);
        assertThat(count("SELECT COUNT(*) FROM jobs")).isZero();
        for (long id : ids) {
            assertThat(apis.get((int) (id % 2)).api().get("/tickets/" + id).json().path("status").asString())
                    .isEqualTo("routed");
        }
    }

    /**
     * The creation rate limit is one budget per client across the API processes, kept in Redis: a client that used
     * it up through one API process is refused by the other too, instead of getting a second budget there. The
     * client here comes from another loopback address (127.0.0.2), so that the budget of the other tests' address is
     * not touched.
     */
    @Test
    @Order(4)
    void aClientThatUsedUpItsBudgetOnOneApiIsRefusedByTheOther() throws Exception {
        long ticket = create(apis.get(0).api(), "Printer jams on every page", "The office printer jams, reported once");
        HttpClient client = HttpClient.newBuilder().localAddress(InetAddress.getByName("127.0.0.2"))
                .connectTimeout(Duration.ofSeconds(5)).build();

        int acceptedByFirst = 0;
        HttpResponse<String> refusal;
        while ((refusal = comment(client, apis.get(0), ticket, acceptedByFirst)).statusCode() == 201) {
            acceptedByFirst++;
            assertThat(acceptedByFirst).as("comments accepted before the first refusal").isLessThan(2 * RATE_LIMIT);
        }
        assertThat(refusal.statusCode()).as(refusal.body()).isEqualTo(429);
        assertThat(acceptedByFirst).isGreaterThanOrEqualTo(RATE_LIMIT);

        // With a budget per process the other API would now accept about RATE_LIMIT more; shared, it refuses at
        // once, but for the one or two comments the budget refills by in the meantime (one per 60 ms).
        int acceptedBySecond = 0;
        HttpResponse<String> second;
        while ((second = comment(client, apis.get(1), ticket, acceptedByFirst + acceptedBySecond)).statusCode() == 201
                && acceptedBySecond < RATE_LIMIT) {
            acceptedBySecond++;
        }
        assertThat(second.statusCode()).as(second.body()).isEqualTo(429);
        assertThat(second.headers().firstValue("Retry-After")).isPresent();
        assertThat(acceptedBySecond).as("comments the other API process accepted").isLessThan(20);
    }

    private static HttpResponse<String> comment(HttpClient client, AppProcess api, long ticket, int i)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + api.port() + "/tickets/" + ticket + "/comments"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Api.json(Map.of("text", "Still jammed (" + i + ")"))))
                .timeout(Duration.ofSeconds(30)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Creates tickets {@code from .. from+count-1}, alternating between the two APIs, four at a time. */
    private List<Long> submit(int from, int count) throws Exception {
        try (ExecutorService clients = Executors.newFixedThreadPool(4)) {
            List<Future<Long>> created = IntStream.range(from, from + count)
                    .mapToObj(i -> clients.submit(() -> create(apis.get(i % 2).api(), i)))
                    .toList();
            List<Long> ids = new ArrayList<>();
            for (Future<Long> id : created) {
                ids.add(id.get());
            }
            return ids;
        }
    }

    private static long create(Api api, int i) {
        String[] text = TEXTS[i % TEXTS.length].split("\\|");
        return create(api, text[0] + " (" + i + ")", text[1] + ", reported by user " + i);
    }

    private static long create(Api api, String title, String description) {
        Api.Reply reply = api.post("/tickets", Api.json(Map.of("title", title, "description", description)));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().path("id").asLong();
    }

    private void awaitRouted(long id) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> !"pending".equals(
                apis.get((int) (id % 2)).api().get("/tickets/" + id).json().path("status").asString()));
    }

    /** Tickets a worker process has routed, from its metrics. */
    private static double routedBy(AppProcess worker) {
        Api.Reply metrics = worker.api().get("/actuator/prometheus");
        assertThat(metrics.status()).as(metrics.body()).isEqualTo(200);
        return metrics.body().lines().filter(line -> line.startsWith("triage_tickets_routed_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** How many times each ticket's {@code ticket_routed} reached the socket. */
    private Map<Long, Long> routed(LiveSocket socket) {
        return socket.received().stream()
                .filter(event -> event.name().equals(LiveEvent.TICKET_ROUTED))
                .filter(event -> !earlierTests.contains(event.payload().path("id").asLong()))
                .collect(Collectors.groupingBy(event -> event.payload().path("id").asLong(), Collectors.counting()));
    }

    private AppProcess start(String role, String name) {
        Map<String, String> environment = new HashMap<>();
        environment.put("DATABASE_URL", databaseUrl);
        environment.put("REDIS_URL", redis.url());
        environment.put("TRIAGE_ROLE", role);
        environment.put("TRIAGE_AUTH", "none");
        environment.put("TRIAGE_RATE_LIMIT_PER_MINUTE", String.valueOf(RATE_LIMIT));
        environment.put("TRIAGE_KNOWLEDGE_DIR", workDir.resolve("knowledge").toString());
        environment.put("TRIAGE_JOBS_CLAIM_IDLE", "3s");
        environment.put("ORT_DISABLE_TELEMETRY", "1");
        environment.put("TRIAGE_WEBHOOKS_ALLOW_PRIVATE", "true");
        environment.put("TRIAGE_ASSIGNMENT_CHECK_INTERVAL", "1s");
        // polled by the workers only; every process has the same settings, as in a real deployment
        environment.put("TRIAGE_GLPI_URL", glpi.url());
        environment.put("TRIAGE_GLPI_APP_TOKEN", FakeGlpi.APP_TOKEN);
        environment.put("TRIAGE_GLPI_USER_TOKEN", FakeGlpi.USER_TOKEN);
        environment.put("TRIAGE_GLPI_POLL_INTERVAL", "1s");
        environment.put("TRIAGE_MAIL_IMAP_URL", "imap://support:" + MAILBOX_PASSWORD + "@127.0.0.1:"
                + mailServer.getImap().getPort() + "/INBOX");
        environment.put("TRIAGE_MAIL_POLL_INTERVAL", "1s");
        return AppProcess.start(workDir.resolve(name), environment, CHILD_JVM);
    }

    private static final String NETWORK = "Network Team";
    /**
     * Tickets (and, apart, comments) one client may create per minute. Well above what the other tests send from
     * 127.0.0.1 (about 600 tickets, most of them in the 500-ticket run), so that only the rate-limit test meets it.
     */
    private static final int RATE_LIMIT = 1_000;
    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
            .build();
    private static final String[] NETWORK_TEXTS = {
        "VPN drops every few minutes|Connection to the office network keeps failing from home",
        "Cannot connect to the office wifi|The wireless network shows no internet on my laptop",
        "VPN client will not connect|The tunnel times out when I work remotely",
        "Network drive unreachable|Mapped network share cannot be found since this morning",
    };

    /** Network tickets {@code from .. from+count-1}, alternating between the two APIs, four at a time. */
    private List<Long> burst(int from, int count) throws Exception {
        try (ExecutorService clients = Executors.newFixedThreadPool(4)) {
            List<Future<Long>> created = IntStream.range(from, from + count)
                    .mapToObj(i -> clients.submit(() -> {
                        String[] text = NETWORK_TEXTS[i % NETWORK_TEXTS.length].split("\\|");
                        return create(apis.get(i % 2).api(), text[0] + " (burst " + i + ")",
                                text[1] + ", reported by user " + i);
                    }))
                    .toList();
            List<Long> ids = new ArrayList<>();
            for (Future<Long> id : created) {
                ids.add(id.get());
            }
            earlierTests.addAll(ids);
            return ids;
        }
    }

    private void awaitRouted(List<Long> ids) {
        ids.forEach(this::awaitRouted);
    }

    private long routedIn(String team) throws SQLException {
        return count("SELECT COUNT(*) FROM tickets WHERE status = 'routed' AND assigned_to = '" + team + "'");
    }

    private long waiting(String team) throws SQLException {
        return count("SELECT COUNT(*) FROM tickets WHERE status = 'routed' AND assignee IS NULL AND assigned_to = '"
                + team + "'");
    }

    private long assignedIn(String team) throws SQLException {
        return count("SELECT COUNT(*) FROM tickets WHERE status = 'routed' AND assignee IS NOT NULL AND assigned_to = '"
                + team + "'");
    }

    private Map<String, Long> openTickets(List<String> agents) throws SQLException {
        Map<String, Long> open = new HashMap<>();
        for (String agent : agents) {
            open.put(agent, count("SELECT COUNT(*) FROM tickets WHERE status <> 'closed' AND assignee = '" + agent
                    + "'"));
        }
        return open;
    }

    private static Api.Reply putJson(Api api, String path, Object body) {
        return api.send(path, "PUT", "application/json",
                java.net.http.HttpRequest.BodyPublishers.ofString(Api.json(body)));
    }

    private List<String> strings(String sql) throws SQLException {
        DatabaseUrl url = DatabaseUrl.parse(databaseUrl);
        List<String> values = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), url.username(), url.password());
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                values.add(result.getString(1));
            }
        }
        return values;
    }

    private long count(String sql) throws SQLException {
        DatabaseUrl url = DatabaseUrl.parse(databaseUrl);
        try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), url.username(), url.password());
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
