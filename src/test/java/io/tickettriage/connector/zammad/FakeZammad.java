package io.tickettriage.connector.zammad;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpExchange;

import io.tickettriage.support.LoopbackServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Zammad 6.x REST API on loopback, as its documentation describes it: token authentication
 * ({@code Authorization: Token token=...}; anything else is 401), tickets with group, priority and state (ids, and
 * names with {@code expand=true}), {@code GET /api/v1/tickets/{id}}, {@code PUT /api/v1/tickets/{id}} with group and
 * priority by name (an unknown name is 422), the search ({@code /api/v1/tickets/search?query=...} with
 * {@code sort_by}, {@code order_by}, {@code page}, {@code per_page}; with {@code expand=true} an array of tickets,
 * without it {@code {"tickets": [ids], "tickets_count": n, "assets": {}}}), articles by ticket and
 * {@code POST /api/v1/ticket_articles}, error bodies {@code {"error": ..., "error_human": ...}}. The search understands
 * what the connector asks: {@code state.name:<state>} and {@code updated_at:[<time> TO *]}. Faults can be scripted
 * per request; every request is recorded.
 */
public final class FakeZammad implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> GROUPS = List.of("Users", "Hardware Team", "Network Team", "Software Team",
            "Security Team", "HR Team", "Facilities");
    private static final List<String> PRIORITIES = List.of("1 low", "2 normal", "3 high");
    private static final List<String> STATES = List.of("new", "open", "pending reminder", "closed", "merged");
    private static final Pattern TICKET = Pattern.compile("/api/v1/tickets/(\\d+)");
    private static final Pattern ARTICLES = Pattern.compile("/api/v1/ticket_articles/by_ticket/(\\d+)");
    private static final Pattern UPDATED_SINCE = Pattern.compile("updated_at:\\[(\\S+) TO \\*]");

    /** A request as the server received it. */
    public record Call(String method, String path, String query, Map<String, String> headers, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** A scripted answer for the next request that matches, instead of the API's own. */
    public record Fault(Predicate<Call> matches, int status, Map<String, String> headers, String body,
            long holdMillis) {
    }

    /** An article of a ticket. */
    record Article(long id, String body, String contentType, String type, boolean internal, String sender,
            Instant createdAt) {
    }

    /** A ticket as Zammad stores it. */
    static final class Ticket {
        final long id;
        final String title;
        String group;
        String priority;
        String state;
        final Instant createdAt;
        Instant updatedAt;
        final List<Article> articles = new ArrayList<>();

        Ticket(long id, String title, String group, String priority, String state, Instant at) {
            this.id = id;
            this.title = title;
            this.group = group;
            this.priority = priority;
            this.state = state;
            this.createdAt = at;
            this.updatedAt = at;
        }
    }

    private final LoopbackServer server;
    private final String token;
    private final Map<Long, Ticket> tickets = new LinkedHashMap<>();
    private final Deque<Fault> faults = new ConcurrentLinkedDeque<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private long nextTicketId = 1000;
    private long nextArticleId = 5000;
    private Instant lastChange = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    public FakeZammad(String token) {
        this.token = token;
        this.server = new LoopbackServer(this::handle);
    }

    public String url() {
        return server.url();
    }

    @Override
    public void close() {
        server.close();
    }

    // What agents and customers do in Zammad

    /** A customer opens a ticket: its first article is the request. */
    public synchronized long open(String title, String body, String group, String priority) {
        Instant at = tick();
        Ticket ticket = new Ticket(nextTicketId++, title, group, priority, "new", at);
        ticket.articles.add(new Article(nextArticleId++, "<div>" + body + "</div>", "text/html", "email", false,
                "Customer", at));
        tickets.put(ticket.id, ticket);
        return ticket.id;
    }

    /** A ticket closed long ago, as the history import finds it. */
    public synchronized long closedTicket(String title, String body, String group, String priority) {
        long id = open(title, body, group, priority);
        Ticket ticket = tickets.get(id);
        ticket.articles.add(new Article(nextArticleId++, "Fixed it.", "text/plain", "note", false, "Agent", tick()));
        ticket.state = "closed";
        return id;
    }

    public synchronized void moveTo(long id, String group) {
        Ticket ticket = tickets.get(id);
        ticket.group = group;
        ticket.updatedAt = tick();
    }

    public synchronized void setPriority(long id, String priority) {
        Ticket ticket = tickets.get(id);
        ticket.priority = priority;
        ticket.updatedAt = tick();
    }

    public synchronized void setState(long id, String state) {
        Ticket ticket = tickets.get(id);
        ticket.state = state;
        ticket.updatedAt = tick();
    }

    public synchronized String group(long id) {
        return tickets.get(id).group;
    }

    public synchronized String priority(long id) {
        return tickets.get(id).priority;
    }

    /** The notes agents see on a ticket, oldest first. */
    public synchronized List<String> internalNotes(long id) {
        return tickets.get(id).articles.stream().filter(Article::internal).map(Article::body).toList();
    }

    /**
     * The body a Zammad trigger's webhook posts with its default payload: the ticket with its associations as objects
     * (group, priority, customer...) and the state by name, and the article that triggered it.
     */
    public synchronized String webhookPayload(long id) {
        Ticket ticket = tickets.get(id);
        ObjectNode payload = JSON.createObjectNode();
        ObjectNode node = payload.putObject("ticket");
        node.put("id", ticket.id).put("number", String.valueOf(10000 + ticket.id)).put("title", ticket.title)
                .put("group_id", GROUPS.indexOf(ticket.group) + 1).put("priority_id",
                        PRIORITIES.indexOf(ticket.priority) + 1)
                .put("state_id", STATES.indexOf(ticket.state) + 1).put("state", ticket.state)
                .put("article_count", ticket.articles.size())
                .put("created_at", ticket.createdAt.toString()).put("updated_at", ticket.updatedAt.toString());
        ArrayNode articleIds = node.putArray("article_ids");
        ticket.articles.forEach(article -> articleIds.add(article.id()));
        node.putObject("group").put("id", GROUPS.indexOf(ticket.group) + 1).put("name", ticket.group)
                .put("active", true).put("follow_up_possible", "yes");
        node.putObject("priority").put("id", PRIORITIES.indexOf(ticket.priority) + 1).put("name", ticket.priority)
                .put("active", true);
        node.putObject("customer").put("id", 8).put("login", "emily@example.com").put("firstname", "Emily")
                .put("lastname", "Adams");
        Article article = ticket.articles.getLast();
        payload.putObject("article").put("id", article.id()).put("ticket_id", ticket.id).put("body", article.body())
                .put("content_type", article.contentType()).put("internal", article.internal())
                .put("sender", article.sender()).put("type", article.type())
                .put("from", "Emily Adams <emily@example.com>").put("created_at", article.createdAt().toString());
        return JSON.writeValueAsString(payload);
    }

    // Scripting and inspection

    /** The next request matching {@code path} (a prefix of method and path, {@code "PUT /api/v1/tickets"}) gets this. */
    public FakeZammad failNext(String prefix, int status, String body, Map<String, String> headers) {
        faults.add(new Fault(call -> (call.method() + " " + call.path()).startsWith(prefix), status, headers, body, 0));
        return this;
    }

    /** The next request matching {@code prefix} is answered only after {@code millis}. */
    public FakeZammad holdNext(String prefix, long millis) {
        faults.add(new Fault(call -> (call.method() + " " + call.path()).startsWith(prefix), 0, Map.of(), "", millis));
        return this;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String method, String pathPrefix) {
        return calls.stream().filter(call -> call.method().equals(method) && call.path().startsWith(pathPrefix))
                .toList();
    }

    public void clearCalls() {
        calls.clear();
    }

    private Instant tick() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        lastChange = now.isAfter(lastChange) ? now : lastChange.plusMillis(1);
        return lastChange;
    }

    // The API

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Call call = record(exchange);
            Fault fault = null;
            for (Fault candidate : faults) {
                if (candidate.matches().test(call) && faults.remove(candidate)) {
                    fault = candidate;
                    break;
                }
            }
            if (fault != null && fault.holdMillis() > 0) {
                server.hold(fault.holdMillis());
                fault = null;
            }
            if (fault != null) {
                send(exchange, fault.status(), fault.headers(), fault.body());
                return;
            }
            if (!("Token token=" + token).equals(call.header("Authorization"))) {
                send(exchange, 401, error("authentication failed", "Authentication failed!"));
                return;
            }
            answer(exchange, call);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client gave up on this request (a time-out)
        }
    }

    private synchronized void answer(HttpExchange exchange, Call call) throws IOException {
        Map<String, String> query = LoopbackServer.query(call.query());
        boolean expand = "true".equals(query.get("expand"));
        Matcher ticket = TICKET.matcher(call.path());
        Matcher articles = ARTICLES.matcher(call.path());
        if (call.method().equals("GET") && call.path().equals("/api/v1/tickets/search")) {
            send(exchange, 200, search(query, expand));
        } else if (ticket.matches() && (call.method().equals("GET") || call.method().equals("PUT"))) {
            Ticket found = tickets.get(Long.parseLong(ticket.group(1)));
            if (found == null) {
                send(exchange, 404, error("Couldn't find Ticket with 'id'=" + ticket.group(1), null));
            } else if (call.method().equals("GET")) {
                send(exchange, 200, JSON.writeValueAsString(ticket(found, expand)));
            } else {
                update(exchange, found, call.json());
            }
        } else if (articles.matches() && call.method().equals("GET")) {
            Ticket found = tickets.get(Long.parseLong(articles.group(1)));
            if (found == null) {
                send(exchange, 404, error("Couldn't find Ticket with 'id'=" + articles.group(1), null));
            } else {
                ArrayNode array = JSON.createArrayNode();
                found.articles.forEach(article -> array.add(article(found, article)));
                send(exchange, 200, JSON.writeValueAsString(array));
            }
        } else if (call.method().equals("POST") && call.path().equals("/api/v1/ticket_articles")) {
            JsonNode body = call.json();
            Ticket found = tickets.get(body.path("ticket_id").asLong());
            if (found == null || !body.path("body").isString()) {
                send(exchange, 422, error("Need ticket_id and body", null));
                return;
            }
            Article article = new Article(nextArticleId++, body.path("body").asString(),
                    body.path("content_type").asString("text/plain"), body.path("type").asString("note"),
                    body.path("internal").asBoolean(false), "Agent", tick());
            found.articles.add(article);
            found.updatedAt = article.createdAt();
            send(exchange, 201, JSON.writeValueAsString(article(found, article)));
        } else {
            send(exchange, 404, error("No route matches [" + call.method() + "] \"" + call.path() + "\"", null));
        }
    }

    private String search(Map<String, String> query, boolean expand) {
        String text = query.getOrDefault("query", "");
        Stream<Ticket> found = tickets.values().stream();
        Matcher since = UPDATED_SINCE.matcher(text);
        if (since.matches()) {
            Instant from = Instant.parse(since.group(1));
            found = found.filter(t -> !t.updatedAt.isBefore(from));
        } else if (text.startsWith("state.name:")) {
            String state = text.substring("state.name:".length());
            found = found.filter(t -> t.state.equals(state));
        } else {
            found = found.filter(t -> t.title.toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT)));
        }
        Comparator<Ticket> order = "updated_at".equals(query.get("sort_by"))
                ? Comparator.comparing((Ticket t) -> t.updatedAt).thenComparing(t -> t.id)
                : Comparator.comparing(t -> t.id);
        if ("desc".equals(query.get("order_by"))) {
            order = order.reversed();
        }
        int perPage = Math.min(Integer.parseInt(query.getOrDefault("per_page", "50")), 200);
        int page = Math.max(1, Integer.parseInt(query.getOrDefault("page", "1")));
        List<Ticket> hits = found.sorted(order).skip((long) (page - 1) * perPage).limit(perPage).toList();
        if (expand) {
            ArrayNode array = JSON.createArrayNode();
            hits.forEach(t -> array.add(ticket(t, true)));
            return JSON.writeValueAsString(array);
        }
        ObjectNode result = JSON.createObjectNode();
        ArrayNode ids = result.putArray("tickets");
        hits.forEach(t -> ids.add(t.id));
        result.put("tickets_count", hits.size());
        result.putObject("assets");
        return JSON.writeValueAsString(result);
    }

    private void update(HttpExchange exchange, Ticket ticket, JsonNode change) throws IOException {
        if (change.has("group") && !GROUPS.contains(change.path("group").asString())) {
            send(exchange, 422, error("No lookup value found for 'group': \"" + change.path("group").asString() + "\"",
                    null));
            return;
        }
        if (change.has("priority") && !PRIORITIES.contains(change.path("priority").asString())) {
            send(exchange, 422, error("No lookup value found for 'priority': \"" + change.path("priority").asString()
                    + "\"", null));
            return;
        }
        if (change.has("group")) {
            ticket.group = change.path("group").asString();
        }
        if (change.has("priority")) {
            ticket.priority = change.path("priority").asString();
        }
        ticket.updatedAt = tick();
        send(exchange, 200, JSON.writeValueAsString(ticket(ticket, false)));
    }

    private ObjectNode ticket(Ticket ticket, boolean expand) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", ticket.id).put("group_id", GROUPS.indexOf(ticket.group) + 1)
                .put("priority_id", PRIORITIES.indexOf(ticket.priority) + 1)
                .put("state_id", STATES.indexOf(ticket.state) + 1).put("organization_id", 2)
                .put("number", String.valueOf(10000 + ticket.id)).put("title", ticket.title).put("owner_id", 1)
                .put("customer_id", 8).put("article_count", ticket.articles.size())
                .put("created_at", ticket.createdAt.toString()).put("updated_at", ticket.updatedAt.toString());
        if (expand) {
            node.put("group", ticket.group).put("priority", ticket.priority).put("state", ticket.state)
                    .put("owner", "-").put("customer", "emily@example.com").put("organization", "Example Corp");
        }
        return node;
    }

    private ObjectNode article(Ticket ticket, Article article) {
        return JSON.createObjectNode().put("id", article.id()).put("ticket_id", ticket.id)
                .put("type", article.type()).put("sender", article.sender()).put("subject", ticket.title)
                .put("body", article.body()).put("content_type", article.contentType())
                .put("internal", article.internal()).put("created_at", article.createdAt().toString());
    }

    private static String error(String error, String human) {
        ObjectNode node = JSON.createObjectNode().put("error", error);
        node.put("error_human", human == null ? error : human);
        return JSON.writeValueAsString(node);
    }

    private Call record(HttpExchange exchange) throws IOException {
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Call call = new Call(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                rawQuery == null ? "" : rawQuery, LoopbackServer.headers(exchange), LoopbackServer.body(exchange));
        calls.add(call);
        return call;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, Map.of(), body);
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, String body)
            throws IOException {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Content-Type", "application/json; charset=utf-8");
        all.putAll(headers);
        LoopbackServer.send(exchange, status, all, body);
    }

    static Set<String> groups() {
        return Set.copyOf(GROUPS);
    }
}
