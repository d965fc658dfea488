package io.tickettriage.connector.glpi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tickettriage.connector.HelpdeskException;
import io.tickettriage.connector.HelpdeskHttp;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The GLPI calls the connector makes, typed: tickets page by page, a ticket, its assigned groups, the group
 * directory, its follow-ups; and the three writes (a private follow-up, an assigned group, a priority). Answers that
 * do not have the shape GLPI gives them are permanent faults, not guesses.
 */
class GlpiApi implements AutoCloseable {

    /** {@code CommonITILActor::ASSIGN}: a Group_Ticket row of this type assigns the ticket to the group. */
    static final int ASSIGNED = 2;

    private static final Pattern CONTENT_RANGE = Pattern.compile("^\\s*(\\d+)-(-?\\d+)/(\\d+)\\s*$");

    /** One page of a list and the total GLPI counted ({@code Content-Range: start-end/total}). */
    record Page<T>(List<T> items, int total) {
    }

    private final GlpiClient client;
    private final JsonMapper json;
    private final Map<Integer, String> groupNames = new ConcurrentHashMap<>();

    GlpiApi(GlpiClient client, JsonMapper json) {
        this.client = client;
        this.json = json;
    }

    /**
     * Tickets from {@code start}, {@code size} of them, ordered by a ticket field ({@code id}, {@code date_mod}).
     * Past the end GLPI answers 400 ERROR_RANGE_EXCEED_TOTAL: an empty page here.
     */
    Page<GlpiTicket> tickets(int start, int size, String sort, boolean descending) throws HelpdeskException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("range", start + "-" + (start + size - 1));
        query.put("sort", sort);
        query.put("order", descending ? "DESC" : "ASC");
        query.put("expand_dropdowns", "false");
        query.put("get_hateoas", "false");
        HelpdeskHttp.Answer answer;
        try {
            answer = client.get("/Ticket", query);
        } catch (HelpdeskException e) {
            if (e.status() == 400 && e.getMessage().contains("ERROR_RANGE_EXCEED_TOTAL")) {
                return new Page<>(List.of(), start);
            }
            throw e;
        }
        JsonNode rows = answer.body();
        if (rows.isNull() || (rows.isArray() && rows.isEmpty())) {
            return new Page<>(List.of(), total(answer, start));
        }
        if (!rows.isArray()) {
            throw unexpected("GET /Ticket", "a list of tickets");
        }
        List<GlpiTicket> page = new ArrayList<>(rows.size());
        for (JsonNode row : rows) {
            page.add(ticket(row, "GET /Ticket"));
        }
        return new Page<>(page, total(answer, start + page.size()));
    }

    GlpiTicket ticket(long id) throws HelpdeskException {
        return ticket(client.get("/Ticket/" + id, Map.of("get_hateoas", "false")).body(), "GET /Ticket/" + id);
    }

    /** A Group_Ticket row that assigns the ticket to a group. */
    record GroupLink(long id, int groupId, String group) {
    }

    /** The names (complete names, {@code Support > Network}) of the groups the ticket is assigned to. */
    List<String> assignedGroups(long ticketId) throws HelpdeskException {
        return assignedLinks(ticketId).stream().map(GroupLink::group).toList();
    }

    /** The ticket's assigned groups, in the order they were added. */
    List<GroupLink> assignedLinks(long ticketId) throws HelpdeskException {
        String what = "GET /Ticket/" + ticketId + "/Group_Ticket";
        JsonNode rows = client.get("/Ticket/" + ticketId + "/Group_Ticket",
                Map.of("range", "0-99", "expand_dropdowns", "false", "get_hateoas", "false")).body();
        if (rows.isNull()) {
            return List.of();
        }
        if (!rows.isArray()) {
            throw unexpected(what, "a list of Group_Ticket rows");
        }
        List<GroupLink> links = new ArrayList<>();
        for (JsonNode row : rows) {
            Integer id = number(row.path("id"));
            Integer group = number(row.path("groups_id"));
            Integer type = number(row.path("type"));
            if (id == null || group == null || type == null) {
                throw unexpected(what, "Group_Ticket rows with id, groups_id and type");
            }
            if (type == ASSIGNED) {
                links.add(new GroupLink(id, group, groupName(group)));
            }
        }
        return links;
    }

    /** Takes a group off the ticket (deletes the Group_Ticket row). */
    void removeGroupLink(long linkId) throws HelpdeskException {
        client.delete("/Group_Ticket/" + linkId);
    }

    /** The id of the group with this complete name (or name), reading the directory again once when unknown. */
    Optional<Integer> groupId(String name) throws HelpdeskException {
        Optional<Integer> known = find(name);
        if (known.isPresent()) {
            return known;
        }
        loadGroups();
        return find(name);
    }

    String groupName(int id) throws HelpdeskException {
        String name = groupNames.get(id);
        if (name == null) {
            loadGroups();
            name = groupNames.get(id);
        }
        return name == null ? "Group " + id : name;
    }

    private Optional<Integer> find(String name) {
        return groupNames.entrySet().stream().filter(e -> e.getValue().equalsIgnoreCase(name))
                .map(Map.Entry::getKey).findFirst();
    }

    private void loadGroups() throws HelpdeskException {
        for (int start = 0; ; start += 100) {
            HelpdeskHttp.Answer answer;
            try {
                answer = client.get("/Group", Map.of("range", start + "-" + (start + 99), "get_hateoas", "false"));
            } catch (HelpdeskException e) {
                if (e.status() == 400 && e.getMessage().contains("ERROR_RANGE_EXCEED_TOTAL")) {
                    return;
                }
                throw e;
            }
            JsonNode rows = answer.body();
            if (!rows.isArray()) {
                throw unexpected("GET /Group", "a list of groups");
            }
            for (JsonNode row : rows) {
                String name = row.path("completename").asString(row.path("name").asString(""));
                Integer id = number(row.path("id"));
                if (id == null || name.isBlank()) {
                    throw unexpected("GET /Group", "groups with id and name");
                }
                groupNames.put(id, name);
            }
            if (rows.size() < 100 || start + rows.size() >= total(answer, start + rows.size())) {
                return;
            }
        }
    }

    /** The plain text of the ticket's follow-ups, oldest first. */
    List<String> followups(long ticketId) throws HelpdeskException {
        JsonNode rows = client.get("/Ticket/" + ticketId + "/ITILFollowup",
                Map.of("range", "0-199", "get_hateoas", "false")).body();
        if (rows.isNull()) {
            return List.of();
        }
        if (!rows.isArray()) {
            throw unexpected("GET /Ticket/" + ticketId + "/ITILFollowup", "a list of follow-ups");
        }
        List<String> texts = new ArrayList<>();
        rows.forEach(row -> texts.add(GlpiText.plain(row.path("content").asString(""))));
        return texts;
    }

    /** A follow-up only technicians see ({@code is_private: 1}); GLPI shows its content as rich text. */
    long addPrivateFollowup(long ticketId, String text) throws HelpdeskException {
        ObjectNode body = json.createObjectNode();
        body.putObject("input").put("itemtype", "Ticket").put("items_id", ticketId)
                .put("content", GlpiText.html(text)).put("is_private", 1);
        return createdId(client.post("/ITILFollowup", body), "POST /ITILFollowup");
    }

    /** Assigns the ticket to the group: a Group_Ticket row of type 2, as the ticket form adds it. */
    long assignGroup(long ticketId, int groupId) throws HelpdeskException {
        ObjectNode body = json.createObjectNode();
        body.putObject("input").put("tickets_id", ticketId).put("groups_id", groupId).put("type", ASSIGNED);
        return createdId(client.post("/Group_Ticket", body), "POST /Group_Ticket");
    }

    void setPriority(long ticketId, int priority) throws HelpdeskException {
        ObjectNode body = json.createObjectNode();
        body.putObject("input").put("priority", priority);
        String what = "PUT /Ticket/" + ticketId;
        JsonNode result = client.put("/Ticket/" + ticketId, body).body();
        // [{"42": true, "message": ""}]: GLPI answers 200 even when the update was refused item by item.
        JsonNode first = result.isArray() ? result.path(0) : result;
        if (!first.path(String.valueOf(ticketId)).asBoolean(false)) {
            String message = first.path("message").asString("");
            throw HelpdeskException.permanent(what + ": GLPI did not update the ticket"
                    + (message.isBlank() ? "" : " (" + message + ")"));
        }
    }

    private long createdId(HelpdeskHttp.Answer answer, String what) throws HelpdeskException {
        JsonNode id = answer.body().path("id");
        if (!id.isIntegralNumber()) {
            throw unexpected(what, "the id of the added item");
        }
        return id.asLong();
    }

    private GlpiTicket ticket(JsonNode row, String what) throws HelpdeskException {
        Integer id = number(row.path("id"));
        Integer status = number(row.path("status"));
        if (!row.isObject() || id == null || status == null || !row.path("name").isString()) {
            throw unexpected(what, "tickets with id, name and status");
        }
        Integer priority = number(row.path("priority"));
        return new GlpiTicket(id, row.path("name").asString(""),
                GlpiText.plain(row.path("content").asString("")), status, priority == null ? 3 : priority,
                row.path("date").asString(""), row.path("date_mod").asString(""));
    }

    /** GLPI 10 and 11 send numbers; older servers and some proxies send them as strings. */
    private static Integer number(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.asInt();
        }
        if (node.isString() && node.asString().matches("-?[0-9]{1,9}")) {
            return Integer.parseInt(node.asString());
        }
        return null;
    }

    private static int total(HelpdeskHttp.Answer answer, int fallback) {
        String range = answer.headers().firstValue("content-range").orElse(null);
        if (range != null) {
            Matcher matcher = CONTENT_RANGE.matcher(range);
            if (matcher.matches()) {
                return Integer.parseInt(matcher.group(3));
            }
        }
        return fallback;
    }

    private static HelpdeskException unexpected(String what, String expected) {
        return HelpdeskException.permanent(what + ": GLPI's answer is not " + expected
                + " as GLPI 10/11 sends it; is TRIAGE_GLPI_URL the GLPI server, and is it GLPI 10 or later?");
    }

    @Override
    public void close() {
        client.close();
    }
}
