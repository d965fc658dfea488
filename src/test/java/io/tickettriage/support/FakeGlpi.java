package io.tickettriage.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A GLPI server on loopback that speaks the legacy REST API ({@code apirest.php}) of GLPI 10 and 11 as its
 * documentation (apirest.md) and source ({@code src/Api/API.php}) describe it: sessions from an App-Token and a
 * user token, {@code range} paging with {@code Content-Range} and 200/206, sub-items, {@code {"input": ...}} writes,
 * and GLPI's error bodies ({@code ["ERROR_...", "message"]}) with their HTTP statuses. Ticket contents are stored
 * HTML-escaped as GLPI 10 stores and returns them. It also builds GLPI 11 webhook deliveries (body and
 * {@code X-GLPI-signature} / {@code X-GLPI-timestamp} headers as {@code src/Webhook.php} computes them).
 *
 * <p>Tests change its state as agents would (solve a ticket, move it to another group) and inject faults (an expired
 * session, 429/5xx, a slow answer, a body that is not what GLPI sends).
 */
public final class FakeGlpi implements AutoCloseable {

    public static final String APP_TOKEN = "app-f7g3csp8mgatg5ebc5elnazakw20i9fyev1qopya7";
    public static final String USER_TOKEN = "user-q56hqkniwot8wntb3z1qarka5atf365taaa2uyjrn";

    public static final int STATUS_NEW = 1;
    public static final int STATUS_ASSIGNED = 2;
    public static final int STATUS_SOLVED = 5;
    public static final int STATUS_CLOSED = 6;
    /** {@code CommonITILActor::ASSIGN}: the type of a Group_Ticket row that assigns the ticket to the group. */
    public static final int ASSIGNED = 2;
    public static final int REQUESTER = 1;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter GLPI_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Pattern RANGE = Pattern.compile("^([0-9]+)-([0-9]+)$");

    /** A request as the server received it (path relative to {@code apirest.php}). */
    public record Call(String method, String path, Map<String, String> query, Map<String, String> headers,
            String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public JsonNode json() {
            return JSON.readTree(body);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** A scripted answer that replaces the normal one for a request matching {@code when}. */
    public record Fault(Predicate<Call> when, int status, Map<String, String> headers, String body, long holdMillis) {
    }

    /** A GLPI 11 webhook delivery: what GLPI's queue POSTs to the target URL. */
    public record Delivery(String body, String signature, String timestamp) {

        /** The headers GLPI sends the delivery with. */
        public Map<String, String> headers() {
            return Map.of("X-GLPI-signature", signature, "X-GLPI-timestamp", timestamp);
        }
    }

    public static final class Ticket {
        public final int id;
        public String name;
        public String content;
        public int status = STATUS_NEW;
        public int urgency = 3;
        public int impact = 3;
        public int priority = 3;
        public String date;
        public String dateMod;
        public String solveDate;
        public String closeDate;
        public int type = 1;
        public int isDeleted;

        Ticket(int id) {
            this.id = id;
        }
    }

    record Group(int id, String name, String completename) {
    }

    record GroupTicket(int id, int ticketsId, int groupsId, int type) {
    }

    record Followup(int id, String itemtype, int itemsId, String content, int isPrivate, String date) {
    }

    private final LoopbackServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();
    private final Map<Integer, Ticket> tickets = new LinkedHashMap<>();
    private final Map<Integer, Group> groups = new LinkedHashMap<>();
    private final List<GroupTicket> groupTickets = new ArrayList<>();
    private final List<Followup> followups = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger(100);
    private final AtomicInteger sessionCount = new AtomicInteger();
    private volatile boolean writesDenied;
    private LocalDateTime now = LocalDateTime.of(2026, 1, 5, 9, 0, 0);

    private FakeGlpi() {
        server = new LoopbackServer(this::handle);
    }

    public static FakeGlpi start() {
        return new FakeGlpi();
    }

    /** What {@code TRIAGE_GLPI_URL} is set to: GLPI's root, the client appending {@code /apirest.php}. */
    public String url() {
        return server.url();
    }

    // ---- state, as agents and requesters change it in GLPI ----

    public synchronized int group(String completename) {
        for (Group group : groups.values()) {
            if (group.completename().equals(completename)) {
                return group.id();
            }
        }
        int id = groups.size() + 1;
        String name = completename.contains(" > ") ? completename.substring(completename.lastIndexOf(" > ") + 3)
                : completename;
        groups.put(id, new Group(id, name, completename));
        return id;
    }

    /** A requester opens a ticket; its text is stored HTML-escaped, as GLPI 10 stores a rich-text description. */
    public synchronized int openTicket(String title, String description) {
        Ticket ticket = new Ticket(ids.incrementAndGet());
        ticket.name = title;
        ticket.content = escape("<p>" + description + "</p>");
        ticket.date = tick();
        ticket.dateMod = ticket.date;
        tickets.put(ticket.id, ticket);
        return ticket.id;
    }

    /** A ticket from the history: opened, handled by {@code group} at {@code priority}, then solved or closed. */
    public synchronized int pastTicket(String title, String description, String group, int priority, int status) {
        int id = openTicket(title, description);
        assign(id, group);
        Ticket ticket = tickets.get(id);
        ticket.priority = priority;
        ticket.status = status;
        ticket.solveDate = tick();
        if (status == STATUS_CLOSED) {
            ticket.closeDate = ticket.solveDate;
        }
        ticket.dateMod = ticket.solveDate;
        return id;
    }

    /** An agent assigns the ticket to a group (adds a Group_Ticket row of type 2), as the ticket form does. */
    public synchronized void assign(int ticketId, String group) {
        groupTickets.add(new GroupTicket(ids.incrementAndGet(), ticketId, group(group), ASSIGNED));
        touch(ticketId).status = Math.max(touch(ticketId).status, STATUS_ASSIGNED);
    }

    /** An agent moves the ticket to another group: the assigned groups are replaced. */
    public synchronized void move(int ticketId, String group) {
        groupTickets.removeIf(link -> link.ticketsId() == ticketId && link.type() == ASSIGNED);
        assign(ticketId, group);
    }

    public synchronized void setPriority(int ticketId, int priority) {
        touch(ticketId).priority = priority;
    }

    public synchronized void solve(int ticketId) {
        Ticket ticket = touch(ticketId);
        ticket.status = STATUS_SOLVED;
        ticket.solveDate = ticket.dateMod;
    }

    public synchronized void close(int ticketId) {
        Ticket ticket = touch(ticketId);
        ticket.status = STATUS_CLOSED;
        ticket.closeDate = ticket.dateMod;
    }

    public synchronized Ticket ticket(int id) {
        return tickets.get(id);
    }

    /** The names of the groups a ticket is assigned to. */
    public synchronized List<String> assignedGroups(int ticketId) {
        return groupTickets.stream().filter(l -> l.ticketsId() == ticketId && l.type() == ASSIGNED)
                .map(l -> groups.get(l.groupsId()).completename()).toList();
    }

    /** The contents of a ticket's follow-ups, private ones marked {@code [private] }, in the order added. */
    public synchronized List<String> followups(int ticketId) {
        return followups.stream().filter(f -> f.itemsId() == ticketId && f.itemtype().equals("Ticket"))
                .map(f -> (f.isPrivate() == 1 ? "[private] " : "") + f.content()).toList();
    }

    // ---- faults ----

    /** Every session ends, as when GLPI's session lifetime passes: the next call gets ERROR_SESSION_TOKEN_INVALID. */
    public void expireSessions() {
        sessions.clear();
    }

    /** How many sessions were opened so far. */
    public int sessionsOpened() {
        return sessionCount.get();
    }

    public int openSessions() {
        return sessions.size();
    }

    /** The profile of the API user loses the right to update tickets and add follow-ups (403 ERROR_RIGHT_MISSING). */
    public void denyWrites() {
        writesDenied = true;
    }

    /** The next {@code times} requests whose "METHOD path" starts with {@code prefix} get this answer instead. */
    public FakeGlpi fail(String prefix, int times, int status, String body) {
        return fail(prefix, times, status, body, Map.of());
    }

    public FakeGlpi fail(String prefix, int times, int status, String body, Map<String, String> headers) {
        AtomicInteger left = new AtomicInteger(times);
        faults.add(new Fault(call -> (call.method() + " " + call.path()).startsWith(prefix)
                && left.getAndDecrement() > 0, status, headers, body, 0));
        return this;
    }

    /** The next matching request is held this long before its normal answer (or until the server closes). */
    public FakeGlpi hold(String prefix, long millis) {
        AtomicInteger left = new AtomicInteger(1);
        faults.add(new Fault(call -> (call.method() + " " + call.path()).startsWith(prefix)
                && left.getAndDecrement() > 0, 0, Map.of(), "", millis));
        return this;
    }

    /** GLPI answers normally again: the faults not used up yet are dropped. */
    public void clearFaults() {
        faults.clear();
    }

    public static String error(String code, String message) {
        return JSON.writeValueAsString(JSON.createArrayNode().add(code).add(message));
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String prefix) {
        return calls.stream().filter(c -> (c.method() + " " + c.path()).startsWith(prefix)).toList();
    }

    public void clearCalls() {
        calls.clear();
    }

    // ---- GLPI 11 webhooks ----

    /**
     * What GLPI 11 sends for a Ticket event ({@code new}, {@code update}) with the default payload: the ticket as the
     * high-level API v2 shows it under {@code item}, and {@code event}, pretty-printed; signed with
     * {@code hash_hmac('sha256', body . timestamp, secret)} in hex.
     */
    public synchronized Delivery webhook(String event, int ticketId, String secret, long timestamp) {
        Ticket ticket = tickets.get(ticketId);
        ObjectNode data = JSON.createObjectNode();
        ObjectNode item = data.putObject("item");
        item.put("id", ticket.id).put("name", ticket.name).put("content", unescape(ticket.content))
                .put("is_deleted", ticket.isDeleted == 1).put("urgency", ticket.urgency)
                .put("impact", ticket.impact).put("priority", ticket.priority).put("actiontime", 0)
                .put("date_creation", iso(ticket.date)).put("date_mod", iso(ticket.dateMod))
                .put("date", iso(ticket.date)).put("type", ticket.type).put("external_id", "");
        item.putObject("status").put("id", ticket.status).put("name", ticket.status == STATUS_NEW ? "New"
                : ticket.status == STATUS_SOLVED ? "Solved" : ticket.status == STATUS_CLOSED ? "Closed"
                : "Processing (assigned)");
        item.putObject("entity").put("id", 0).put("name", "Root entity").put("completename", "Root entity");
        ArrayNode team = item.putArray("team");
        for (GroupTicket link : groupTickets) {
            if (link.ticketsId() == ticketId) {
                team.addObject().put("id", link.groupsId()).put("name", groups.get(link.groupsId()).name())
                        .put("type", "Group").put("role", link.type() == ASSIGNED ? "assigned" : "requester");
            }
        }
        data.put("event", event);
        String body = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(data);
        String stamp = Long.toString(timestamp);
        return new Delivery(body, sign(body + stamp, secret), stamp);
    }

    public static String sign(String data, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- HTTP ----

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String fullPath = exchange.getRequestURI().getPath();
            if (!fullPath.startsWith("/apirest.php")) {
                send(exchange, 404, Map.of(), "<html><body>Not Found</body></html>");
                return;
            }
            Call call = record(exchange, fullPath.substring("/apirest.php".length()).replaceAll("/+$", ""));
            for (Fault fault : faults) {
                if (fault.when().test(call)) {
                    if (fault.holdMillis() > 0) {
                        server.hold(fault.holdMillis());
                    }
                    if (fault.status() > 0) {
                        send(exchange, fault.status(), fault.headers(), fault.body());
                        return;
                    }
                    break;
                }
            }
            Answer answer = answer(call);
            send(exchange, answer.status(), answer.headers(), answer.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client gave up on the request (its time-out): nothing left to answer
        }
    }

    private record Answer(int status, Map<String, String> headers, String body) {
    }

    private static Answer ok(int status, Object body) {
        return new Answer(status, Map.of(), JSON.writeValueAsString(body));
    }

    private static Answer err(int status, String code, String message) {
        return new Answer(status, Map.of(), error(code, message));
    }

    private synchronized Answer answer(Call call) {
        String appToken = call.header("App-Token");
        if (appToken == null || appToken.isEmpty()) {
            return err(400, "ERROR_APP_TOKEN_PARAMETERS_MISSING", "missing parameter app_token");
        }
        if (!APP_TOKEN.equals(appToken)) {
            return err(400, "ERROR_WRONG_APP_TOKEN_PARAMETER", "parameter app_token seems wrong");
        }
        if (call.method().equals("GET") && call.path().equals("/initSession")) {
            String authorization = call.header("Authorization");
            if (authorization == null || !authorization.startsWith("user_token ")) {
                return err(400, "ERROR_LOGIN_PARAMETERS_MISSING",
                        "parameter(s) login, password or user_token are missing");
            }
            if (!authorization.substring("user_token ".length()).equals(USER_TOKEN)) {
                return err(401, "ERROR_GLPI_LOGIN_USER_TOKEN", "parameter user_token seems invalid");
            }
            String session = HexFormat.of().formatHex(randomBytes());
            sessions.add(session);
            sessionCount.incrementAndGet();
            return ok(200, Map.of("session_token", session));
        }
        String session = call.header("Session-Token");
        if (session == null || session.isEmpty()) {
            return err(400, "ERROR_SESSION_TOKEN_MISSING", "parameter session_token is missing or empty");
        }
        if (!sessions.contains(session)) {
            return err(401, "ERROR_SESSION_TOKEN_INVALID", "session_token seems invalid");
        }
        if (call.method().equals("GET") && !call.body().isEmpty()) {
            return err(400, "ERROR_JSON_PAYLOAD_FORBIDDEN", "GET Request should not have json payload (http body)");
        }
        String[] parts = call.path().substring(1).split("/");
        return switch (call.method() + " " + parts[0] + "/" + parts.length) {
            case "GET killSession/1" -> {
                sessions.remove(session);
                yield ok(200, true);
            }
            case "GET Ticket/1" -> list(call, tickets.values().stream().filter(t -> t.isDeleted == 0)
                    .map(this::row).toList());
            case "GET Ticket/2" -> item(parts[1], id -> tickets.containsKey(id) ? row(tickets.get(id)) : null);
            case "GET Ticket/3" -> subItems(call, parts);
            case "GET Group/1" -> list(call, groups.values().stream().map(FakeGlpi::row).toList());
            case "GET Group/2" -> item(parts[1], id -> groups.containsKey(id) ? row(groups.get(id)) : null);
            case "PUT Ticket/2" -> updateTicket(parts[1], call);
            case "POST Group_Ticket/1" -> addGroupTicket(call);
            case "POST ITILFollowup/1" -> addFollowup(call);
            case "DELETE Group_Ticket/2" -> deleteGroupTicket(parts[1]);
            default -> err(400, "ERROR_ITEMTYPE_NOT_FOUND_NOR_COMMONDBTM",
                    "resource not found or not an instance of CommonDBTM");
        };
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[20];
        new java.security.SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private Answer subItems(Call call, String[] parts) {
        Integer id = parseId(parts[1]);
        if (id == null || !tickets.containsKey(id)) {
            return err(404, "ERROR_ITEM_NOT_FOUND", "Item not found");
        }
        return switch (parts[2]) {
            case "Group_Ticket" -> list(call, groupTickets.stream().filter(l -> l.ticketsId() == id)
                    .map(l -> row(l, call)).toList());
            case "ITILFollowup" -> list(call, followups.stream()
                    .filter(f -> f.itemsId() == id && f.itemtype().equals("Ticket")).map(FakeGlpi::row).toList());
            default -> err(400, "ERROR_ITEMTYPE_NOT_FOUND_NOR_COMMONDBTM",
                    "resource not found or not an instance of CommonDBTM");
        };
    }

    /** {@code getItems}: {@code range} (default 0-49), {@code sort} by a field, {@code order}; 206 when partial. */
    private Answer list(Call call, List<ObjectNode> all) {
        String range = call.query().getOrDefault("range", "0-49");
        Matcher matcher = RANGE.matcher(range);
        if (!matcher.matches()) {
            return err(400, "ERROR", "range must be in format : [start-end] with integers");
        }
        String sort = call.query().getOrDefault("sort", "id");
        if (!all.isEmpty() && !all.getFirst().has(sort)) {
            return err(400, "ERROR", "sort param is not a field of the table");
        }
        String order = call.query().getOrDefault("order", "ASC").toUpperCase(Locale.ROOT);
        if (!order.equals("ASC") && !order.equals("DESC")) {
            return err(400, "ERROR", "order must be DESC or ASC");
        }
        Comparator<ObjectNode> comparator = Comparator.comparing(row -> row.path(sort).isNumber()
                ? String.format("%020d", row.path(sort).asLong()) : row.path(sort).asString(""));
        comparator = comparator.thenComparing(row -> row.path("id").asLong());
        if (order.equals("DESC")) {
            comparator = comparator.reversed();
        }
        List<ObjectNode> sorted = all.stream().sorted(comparator).toList();
        int start = Integer.parseInt(matcher.group(1));
        int end = Integer.parseInt(matcher.group(2));
        int total = sorted.size();
        if (start > total) {
            return err(400, "ERROR_RANGE_EXCEED_TOTAL", "Provided range exceed total count of data: " + total);
        }
        ArrayNode page = JSON.createArrayNode();
        sorted.subList(Math.min(start, total), Math.min(end + 1, total)).forEach(page::add);
        int shownEnd = Math.min(end, total - 1);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept-Range", call.path().substring(1).split("/")[0] + " 990");
        if (total > 0) {
            headers.put("Content-Range", start + "-" + shownEnd + "/" + total);
        }
        int status = shownEnd - start + 1 < total ? 206 : 200;
        return new Answer(status, headers, JSON.writeValueAsString(page));
    }

    private Answer item(String rawId, java.util.function.IntFunction<ObjectNode> lookup) {
        Integer id = parseId(rawId);
        ObjectNode row = id == null ? null : lookup.apply(id);
        if (row == null) {
            return err(404, "ERROR_ITEM_NOT_FOUND", "Item not found");
        }
        return ok(200, row);
    }

    private Answer updateTicket(String rawId, Call call) {
        if (writesDenied) {
            return err(403, "ERROR_RIGHT_MISSING", "You don't have permission to perform this action.");
        }
        Integer id = parseId(rawId);
        JsonNode input = input(call);
        if (input == null) {
            return err(400, "ERROR_BAD_ARRAY", "input parameter must be an array of objects");
        }
        if (id == null || !tickets.containsKey(id)) {
            ArrayNode result = JSON.createArrayNode();
            result.addObject().put(rawId, false).put("message", "Item not found");
            return ok(400, result);
        }
        Ticket ticket = touch(id);
        if (input.has("priority")) {
            ticket.priority = input.path("priority").asInt();
        }
        if (input.has("status")) {
            ticket.status = input.path("status").asInt();
        }
        ArrayNode result = JSON.createArrayNode();
        result.addObject().put(String.valueOf(id), true).put("message", "");
        return ok(200, result);
    }

    private Answer addGroupTicket(Call call) {
        if (writesDenied) {
            return err(403, "ERROR_RIGHT_MISSING", "You don't have permission to perform this action.");
        }
        JsonNode input = input(call);
        if (input == null) {
            return err(400, "ERROR_BAD_ARRAY", "input parameter must be an array of objects");
        }
        int ticketId = input.path("tickets_id").asInt();
        int groupId = input.path("groups_id").asInt();
        if (!tickets.containsKey(ticketId) || !groups.containsKey(groupId)) {
            return err(400, "ERROR_GLPI_ADD", "Impossible to add the item");
        }
        GroupTicket link = new GroupTicket(ids.incrementAndGet(), ticketId, groupId, input.path("type").asInt(1));
        groupTickets.add(link);
        Ticket ticket = touch(ticketId);
        if (link.type() == ASSIGNED && ticket.status == STATUS_NEW) {
            ticket.status = STATUS_ASSIGNED;
        }
        return new Answer(201, Map.of("Location", url() + "/apirest.php/Group_Ticket/" + link.id()),
                JSON.writeValueAsString(Map.of("id", link.id(), "message", "")));
    }

    private Answer deleteGroupTicket(String rawId) {
        if (writesDenied) {
            return err(403, "ERROR_RIGHT_MISSING", "You don't have permission to perform this action.");
        }
        Integer id = parseId(rawId);
        GroupTicket link = groupTickets.stream().filter(l -> id != null && l.id() == id).findFirst().orElse(null);
        if (link == null) {
            return err(404, "ERROR_ITEM_NOT_FOUND", "Item not found");
        }
        groupTickets.remove(link);
        touch(link.ticketsId());
        ArrayNode result = JSON.createArrayNode();
        result.addObject().put(String.valueOf(id), true).put("message", "");
        return ok(200, result);
    }

    private Answer addFollowup(Call call) {
        if (writesDenied) {
            return err(403, "ERROR_RIGHT_MISSING", "You don't have permission to perform this action.");
        }
        JsonNode input = input(call);
        if (input == null) {
            return err(400, "ERROR_BAD_ARRAY", "input parameter must be an array of objects");
        }
        int ticketId = input.path("items_id").asInt();
        if (!"Ticket".equals(input.path("itemtype").asString("")) || !tickets.containsKey(ticketId)) {
            return err(400, "ERROR_GLPI_ADD", "Impossible to add the item");
        }
        Followup followup = new Followup(ids.incrementAndGet(), "Ticket", ticketId,
                escape(input.path("content").asString("")), input.path("is_private").asInt(0), tick());
        followups.add(followup);
        touch(ticketId);
        return new Answer(201, Map.of("Location", url() + "/apirest.php/ITILFollowup/" + followup.id()),
                JSON.writeValueAsString(Map.of("id", followup.id(), "message", "")));
    }

    private static JsonNode input(Call call) {
        try {
            JsonNode input = JSON.readTree(call.body()).path("input");
            return input.isObject() ? input : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private ObjectNode row(Ticket t) {
        ObjectNode row = JSON.createObjectNode();
        row.put("id", t.id).put("entities_id", 0).put("name", t.name).put("date", t.date)
                .put("closedate", t.closeDate).put("solvedate", t.solveDate).put("date_mod", t.dateMod)
                .put("users_id_lastupdater", 2).put("status", t.status).put("users_id_recipient", 2)
                .put("requesttypes_id", 1).put("content", t.content).put("urgency", t.urgency)
                .put("impact", t.impact).put("priority", t.priority).put("itilcategories_id", 0)
                .put("type", t.type).put("global_validation", 1).put("is_deleted", t.isDeleted)
                .put("date_creation", t.date);
        return row;
    }

    private static ObjectNode row(Group g) {
        return JSON.createObjectNode().put("id", g.id()).put("entities_id", 0).put("is_recursive", 0)
                .put("name", g.name()).put("comment", "").put("groups_id", 0).put("completename", g.completename())
                .put("level", g.completename().split(" > ").length).put("is_assign", 1);
    }

    private ObjectNode row(GroupTicket l, Call call) {
        ObjectNode row = JSON.createObjectNode().put("id", l.id()).put("tickets_id", l.ticketsId());
        if ("true".equals(call.query().get("expand_dropdowns"))) {
            row.put("groups_id", groups.get(l.groupsId()).completename());
        } else {
            row.put("groups_id", l.groupsId());
        }
        return row.put("type", l.type());
    }

    private static ObjectNode row(Followup f) {
        return JSON.createObjectNode().put("id", f.id()).put("itemtype", f.itemtype()).put("items_id", f.itemsId())
                .put("date", f.date()).put("users_id", 2).put("users_id_editor", 0).put("content", f.content())
                .put("is_private", f.isPrivate()).put("requesttypes_id", 1).put("date_mod", f.date())
                .put("date_creation", f.date()).put("timeline_position", 1);
    }

    private Ticket touch(int ticketId) {
        Ticket ticket = tickets.get(ticketId);
        ticket.dateMod = tick();
        return ticket;
    }

    /** GLPI's clock, one second further at each change so that {@code date_mod} orders changes. */
    private String tick() {
        now = now.plusSeconds(1);
        return now.format(GLPI_TIME);
    }

    private static String iso(String glpiTime) {
        return glpiTime == null ? null : glpiTime.replace(' ', 'T') + "+00:00";
    }

    private static Integer parseId(String raw) {
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** GLPI 10 keeps rich text HTML-escaped in its database and the legacy API returns it so. */
    static String escape(String html) {
        return html.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#039;");
    }

    static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#039;", "'")
                .replace("&amp;", "&");
    }

    private Call record(HttpExchange exchange, String path) throws IOException {
        Call call = new Call(exchange.getRequestMethod(), path,
                LoopbackServer.query(exchange.getRequestURI().getRawQuery()), LoopbackServer.headers(exchange),
                LoopbackServer.body(exchange));
        calls.add(call);
        return call;
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, String body)
            throws IOException {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Content-Type", "application/json; charset=UTF-8");
        all.putAll(headers);
        LoopbackServer.send(exchange, status, all, body);
    }

    @Override
    public void close() {
        server.close();
    }
}
