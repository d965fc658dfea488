package io.tickettriage.connector.glpi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.tickettriage.connector.AbstractHelpdeskConnector;
import io.tickettriage.connector.ConnectorSetup;
import io.tickettriage.connector.HelpdeskException;
import io.tickettriage.connector.HelpdeskTicket;
import io.tickettriage.connector.WebhookRejected;
import io.tickettriage.ticket.Priority;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GLPI (10.0 and 11.0) through its legacy REST API: history import from solved and closed tickets, polling by
 * {@code date_mod} (GLPI 10 has no webhooks), GLPI 11 webhooks (signed; a ticket's creation or a change), and
 * write-back as a private follow-up, an assigned group (Group_Ticket type 2) and the ticket's priority.
 *
 * <p>A ticket's group is its first assigned group, by complete name ({@code Support > Network}); GLPI allows several,
 * and the import learns the first. Priorities are GLPI's six names, folded into the product's four.
 */
final class GlpiConnector extends AbstractHelpdeskConnector implements AutoCloseable {

    static final String NAME = "glpi";
    /**
     * Changed tickets handed over per poll batch; the next batch follows at once. Large, because each batch reads
     * the changes from the newest down to the cursor again: after a long outage, few batches mean few re-reads.
     */
    static final int BATCH = 1000;

    private static final List<String> PRIORITY_NAMES = List.of("Very low", "Low", "Medium", "High", "Very high",
            "Major");
    private static final List<String> STATUS_NAMES = List.of("New", "Processing (assigned)", "Processing (planned)",
            "Pending", "Solved", "Closed");
    private static final String LATEST = "latest";

    private final GlpiProperties properties;
    private final GlpiApi api;
    private final GlpiChanges changes;
    private final JsonMapper json;
    /** Where the import's page n+1 starts among all tickets: a page holds only solved and closed ones. */
    private final Map<Integer, Integer> importStarts = new ConcurrentHashMap<>();

    GlpiConnector(ConnectorSetup setup, GlpiProperties properties, GlpiApi api, JsonMapper json) {
        super(setup);
        this.properties = properties;
        this.api = api;
        this.changes = new GlpiChanges(api, properties.pageSize(), BATCH);
        this.json = json;
    }

    /**
     * GLPI's legacy API cannot filter tickets by status in a plain listing, so pages of all tickets (oldest id first)
     * are read until one holds solved or closed tickets; their groups are read only for new ones
     * ({@link #withDescription}). Pages are asked for in order by the import, which is what the remembered starts
     * rely on; asked out of order, a page is found again from the first.
     */
    @Override
    public List<HelpdeskTicket> closedTickets(int page) throws HelpdeskException {
        int start = page == 1 ? 0 : importStarts.getOrDefault(page, -1);
        if (start < 0) {
            start = 0;
            for (int p = 1; p < page && start >= 0; p++) {
                start = nextFinished(start).next();
            }
        }
        Found found = nextFinished(start);
        importStarts.put(page + 1, found.next());
        return found.tickets().stream().map(t -> helpdeskTicket(t, null)).toList();
    }

    private record Found(List<GlpiTicket> tickets, int next) {
    }

    private Found nextFinished(int start) throws HelpdeskException {
        int at = start;
        while (true) {
            GlpiApi.Page<GlpiTicket> raw = api.tickets(at, properties.pageSize(), "id", false);
            at += raw.items().size();
            List<GlpiTicket> finished = raw.items().stream().filter(GlpiTicket::finished).toList();
            if (!finished.isEmpty() || raw.items().isEmpty() || at >= raw.total()) {
                return new Found(finished, at);
            }
        }
    }

    @Override
    public String initialCursor(Instant now) {
        // GLPI's date_mod is the GLPI server's local time, which this process does not know: the first poll asks
        // GLPI for its latest change instead.
        return LATEST;
    }

    @Override
    public Changes changes(String cursor) throws HelpdeskException {
        GlpiChanges.Batch batch = changes.since(LATEST.equals(cursor) ? "" : cursor);
        List<HelpdeskTicket> tickets = new ArrayList<>(batch.tickets().size());
        for (GlpiTicket ticket : batch.tickets()) {
            tickets.add(helpdeskTicket(ticket, api.assignedGroups(ticket.id())));
        }
        return new Changes(tickets, batch.cursor(), batch.tickets().size() >= BATCH);
    }

    @Override
    public HelpdeskTicket ticket(String externalId) throws HelpdeskException {
        long id = id(externalId);
        return helpdeskTicket(api.ticket(id), api.assignedGroups(id));
    }

    @Override
    public HelpdeskTicket withDescription(HelpdeskTicket ticket) throws HelpdeskException {
        return ticket(ticket.externalId());
    }

    /**
     * Sets the priority ({@code PUT /Ticket/{id}}) and makes {@code group} the ticket's assigned group: added as a
     * Group_Ticket row of type 2 unless it is already there, and other assigned groups taken off (the write-back only
     * asks while the group is still the one the ticket was created with).
     */
    @Override
    public void update(String externalId, @Nullable String group, @Nullable String priority)
            throws HelpdeskException {
        long id = id(externalId);
        if (group != null) {
            int groupId = api.groupId(group).orElseThrow(() -> HelpdeskException.permanent("GLPI has no group "
                    + "named '" + group + "' (the product's teams are GLPI's groups after the history import)"));
            List<GlpiApi.GroupLink> links = api.assignedLinks(id);
            if (links.stream().noneMatch(link -> link.groupId() == groupId)) {
                api.assignGroup(id, groupId);
            }
            for (GlpiApi.GroupLink link : links) {
                if (link.groupId() != groupId) {
                    api.removeGroupLink(link.id());
                }
            }
        }
        if (priority != null) {
            int level = PRIORITY_NAMES.indexOf(priority) + 1;
            if (level == 0) {
                throw HelpdeskException.permanent("'" + priority + "' is not a GLPI priority");
            }
            api.setPriority(id, level);
        }
    }

    @Override
    public void addInternalNote(String externalId, String text) throws HelpdeskException {
        api.addPrivateFollowup(id(externalId), text);
    }

    /**
     * A GLPI 11 webhook delivery on a Ticket event, its signature checked first. A {@code new} event's default
     * payload is the ticket as it was created, which is what the write-back compares with to keep an agent's later
     * choice; any other event (or a payload without the ticket) only says which ticket to read again from the API.
     */
    @Override
    public HelpdeskTicket fromWebhook(Map<String, String> headers, byte[] body)
            throws WebhookRejected, HelpdeskException {
        String secret = setup().requireWebhookSecret();
        String signature = headers.get(GlpiWebhookSignature.SIGNATURE_HEADER.toLowerCase(Locale.ROOT));
        String timestamp = headers.get(GlpiWebhookSignature.TIMESTAMP_HEADER.toLowerCase(Locale.ROOT));
        if (signature == null || timestamp == null) {
            throw new WebhookRejected("the call has no X-GLPI-signature and X-GLPI-timestamp headers");
        }
        if (!GlpiWebhookSignature.verify(body, signature, timestamp, secret)) {
            throw new WebhookRejected("the X-GLPI-signature does not match the body signed with "
                    + "TRIAGE_GLPI_WEBHOOK_SECRET");
        }
        JsonNode payload;
        try {
            payload = json.readTree(body);
        } catch (JacksonException e) {
            throw HelpdeskException.permanent("the webhook's body is not JSON");
        }
        JsonNode item = payload.path("item");
        if (!item.path("id").isIntegralNumber()) {
            throw HelpdeskException.permanent("the webhook's body has no item.id: use GLPI's default payload on a "
                    + "Ticket webhook");
        }
        if ("new".equals(payload.path("event").asString("")) && item.path("name").isString()
                && item.path("status").path("id").isIntegralNumber() && item.path("team").isArray()) {
            return asCreated(item);
        }
        return ticket(Long.toString(item.path("id").asLong()));
    }

    /** The ticket from a {@code new} event's payload (the high-level API's Ticket schema). */
    private HelpdeskTicket asCreated(JsonNode item) throws HelpdeskException {
        List<String> groups = new ArrayList<>();
        for (JsonNode member : item.path("team")) {
            if ("Group".equals(member.path("type").asString("")) && "assigned".equals(member.path("role").asString(""))
                    && member.path("id").isIntegralNumber()) {
                groups.add(api.groupName(member.path("id").asInt()));
            }
        }
        GlpiTicket ticket = new GlpiTicket(item.path("id").asLong(), item.path("name").asString(""),
                GlpiText.plain(item.path("content").asString("")), item.path("status").path("id").asInt(),
                item.path("priority").asInt(3), item.path("date").asString(""), item.path("date_mod").asString(""));
        return helpdeskTicket(ticket, groups);
    }

    @Override
    public Optional<Priority> priority(@Nullable String helpdeskPriority) {
        int level = helpdeskPriority == null ? 0 : PRIORITY_NAMES.indexOf(helpdeskPriority) + 1;
        return level == 0 ? Optional.empty() : Optional.of(GlpiPriority.read(level));
    }

    @Override
    public String priorityName(Priority priority) {
        return PRIORITY_NAMES.get(GlpiPriority.write(priority) - 1);
    }

    @Override
    public String link(String externalId) {
        return location().replaceAll("/apirest\\.php$", "") + "/front/ticket.form.php?id=" + externalId;
    }

    /**
     * @param groups the ticket's assigned groups, or null when not read (an import listing)
     */
    private static HelpdeskTicket helpdeskTicket(GlpiTicket ticket, @Nullable List<String> groups) {
        int status = ticket.status();
        String state = status >= 1 && status <= STATUS_NAMES.size() ? STATUS_NAMES.get(status - 1)
                : "Status " + status;
        String priority = ticket.priority() >= 1 && ticket.priority() <= PRIORITY_NAMES.size()
                ? PRIORITY_NAMES.get(ticket.priority() - 1) : null;
        // date_mod is in the GLPI server's time zone, which is not known here: no instant is claimed.
        return new HelpdeskTicket(Long.toString(ticket.id()), ticket.title(),
                groups == null ? null : ticket.description(),
                groups == null || groups.isEmpty() ? null : groups.getFirst(), priority, state, ticket.finished(),
                null);
    }

    private static long id(String externalId) throws HelpdeskException {
        try {
            return Long.parseLong(externalId.strip());
        } catch (NumberFormatException e) {
            throw HelpdeskException.permanent("'" + externalId + "' is not a GLPI ticket id");
        }
    }

    @Override
    public void close() {
        api.close();
    }
}
