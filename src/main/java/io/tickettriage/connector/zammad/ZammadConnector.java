package io.tickettriage.connector.zammad;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.tickettriage.connector.AbstractHelpdeskConnector;
import io.tickettriage.connector.ConnectorSetup;
import io.tickettriage.connector.HelpdeskException;
import io.tickettriage.connector.HelpdeskHttp;
import io.tickettriage.connector.HelpdeskTicket;
import io.tickettriage.connector.WebhookRejected;
import io.tickettriage.ticket.Priority;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Zammad (6.x) through its REST API, with an API access token ({@code Authorization: Token token=...}):
 * <ul>
 * <li>history: {@code GET /api/v1/tickets/search?query=state.name:closed&sort_by=id&order_by=asc&expand=true}, page by
 *     page, and each new ticket's first article from {@code GET /api/v1/ticket_articles/by_ticket/{id}};</li>
 * <li>polling: {@code GET /api/v1/tickets/search?query=updated_at:[<cursor> TO *]&sort_by=updated_at&order_by=asc};
 *     both searches use Zammad's search index (Elasticsearch), as Zammad's own search does;</li>
 * <li>write-back: {@code PUT /api/v1/tickets/{id}} with {@code group} and {@code priority} by name, and notes as
 *     {@code POST /api/v1/ticket_articles} with {@code type: note, internal: true};</li>
 * <li>webhook: a trigger's default payload ({@code ticket} and {@code article}), signed in {@code X-Hub-Signature}
 *     with {@code sha1=} and the HMAC-SHA1 of the body keyed with the webhook's signature token.</li>
 * </ul>
 */
final class ZammadConnector extends AbstractHelpdeskConnector {

    static final String NAME = "zammad";

    private final ZammadProperties properties;
    private final HelpdeskHttp http;
    private final Map<String, String> auth;

    ZammadConnector(ConnectorSetup setup, String token, ZammadProperties properties, HelpdeskHttp http) {
        super(setup);
        this.properties = properties;
        this.http = http;
        this.auth = Map.of("Authorization", "Token token=" + token);
    }

    @Override
    public List<HelpdeskTicket> closedTickets(int page) throws HelpdeskException {
        String path = search("state.name:" + ZammadJson.CLOSED_STATE, "id", page);
        return ZammadJson.tickets(http.send("GET", path, null, auth), "the search for closed tickets");
    }

    @Override
    public String initialCursor(Instant now) {
        return now.toString();
    }

    /**
     * The cursor is the last change time taken in, optionally with {@code #page} when a whole page of tickets
     * changed at that very time (the next page of the same search follows, or the poll would not move on).
     */
    @Override
    public Changes changes(String cursor) throws HelpdeskException {
        int hash = cursor.indexOf('#');
        String since = hash < 0 ? cursor : cursor.substring(0, hash);
        int page = hash < 0 ? 1 : Integer.parseInt(cursor.substring(hash + 1));
        try {
            Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw HelpdeskException.permanent("The stored Zammad cursor '" + cursor + "' is not a time");
        }
        List<HelpdeskTicket> tickets = ZammadJson.tickets(
                http.send("GET", search("updated_at:[" + since + " TO *]", "updated_at", page), null, auth),
                "the search for changed tickets");
        if (tickets.isEmpty()) {
            return new Changes(tickets, cursor, false);
        }
        boolean full = tickets.size() >= properties.perPage();
        Instant last = tickets.getLast().updatedAt();
        String next;
        if (last == null) {
            throw HelpdeskException.permanent("Zammad answered the search for changed tickets with ticket "
                    + tickets.getLast().externalId() + " without updated_at");
        } else if (last.toString().equals(since) || last.equals(Instant.parse(since))) {
            next = full ? since + "#" + (page + 1) : cursor;
        } else {
            next = last.toString();
        }
        return new Changes(tickets, next, full);
    }

    @Override
    public HelpdeskTicket ticket(String externalId) throws HelpdeskException {
        return ZammadJson.ticket(http.send("GET", "/api/v1/tickets/" + id(externalId) + "?expand=true", null, auth),
                null, "GET /api/v1/tickets/" + externalId);
    }

    @Override
    public HelpdeskTicket withDescription(HelpdeskTicket ticket) throws HelpdeskException {
        String path = "/api/v1/ticket_articles/by_ticket/" + id(ticket.externalId());
        return ticket.withDescription(ZammadJson.firstArticle(http.send("GET", path, null, auth), "GET " + path));
    }

    @Override
    public void update(String externalId, @Nullable String group, @Nullable String priority) throws HelpdeskException {
        Map<String, Object> change = new LinkedHashMap<>();
        if (group != null) {
            change.put("group", group);
        }
        if (priority != null) {
            change.put("priority", priority);
        }
        if (!change.isEmpty()) {
            http.send("PUT", "/api/v1/tickets/" + id(externalId), change, auth);
        }
    }

    @Override
    public void addInternalNote(String externalId, String text) throws HelpdeskException {
        Map<String, Object> note = new LinkedHashMap<>();
        note.put("ticket_id", Long.parseLong(id(externalId)));
        note.put("subject", "Ticket Triage");
        note.put("body", text);
        note.put("content_type", "text/plain");
        note.put("type", "note");
        note.put("internal", true);
        http.send("POST", "/api/v1/ticket_articles", note, auth);
    }

    @Override
    public HelpdeskTicket fromWebhook(Map<String, String> headers, byte[] body)
            throws WebhookRejected, HelpdeskException {
        String secret = setup().requireWebhookSecret();
        String signature = headers.get("x-hub-signature");
        if (signature == null || signature.isBlank()) {
            throw new WebhookRejected("The call has no X-Hub-Signature header; set the webhook's HMAC SHA1 "
                    + "signature token in Zammad to TRIAGE_ZAMMAD_WEBHOOK_SECRET");
        }
        byte[] expected = ("sha1=" + hmacSha1(secret, body)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.strip().toLowerCase(Locale.ROOT)
                .getBytes(StandardCharsets.US_ASCII))) {
            throw new WebhookRejected("The X-Hub-Signature does not match the body signed with "
                    + "TRIAGE_ZAMMAD_WEBHOOK_SECRET");
        }
        JsonNode payload;
        try {
            payload = HelpdeskHttp.json().readTree(body);
        } catch (JacksonException e) {
            throw HelpdeskException.permanent("The webhook body is not JSON");
        }
        JsonNode ticket = payload.path("ticket");
        // The article is the request itself only on a ticket's first article; otherwise it is read when needed.
        JsonNode article = payload.path("article");
        boolean first = article.isObject() && (ticket.path("article_count").asInt(0) == 1
                || article.path("id").asLong(-1) == ticket.path("article_ids").path(0).asLong(-2));
        return ZammadJson.ticket(ticket, first ? ZammadJson.articleText(article) : null, "the webhook");
    }

    @Override
    public Optional<Priority> priority(@Nullable String zammadPriority) {
        if (zammadPriority == null || zammadPriority.isBlank()) {
            return Optional.empty();
        }
        String name = zammadPriority.toLowerCase(Locale.ROOT);
        if (name.equals(properties.urgentPriority().toLowerCase(Locale.ROOT)) && !name.contains("high")
                || name.contains("urgent") || name.contains("critical") || name.contains("very high")) {
            return Optional.of(Priority.URGENT);
        }
        if (name.contains("high") || name.startsWith("3")) {
            return Optional.of(Priority.HIGH);
        }
        if (name.contains("normal") || name.contains("medium") || name.startsWith("2")) {
            return Optional.of(Priority.MEDIUM);
        }
        if (name.contains("low") || name.startsWith("1")) {
            return Optional.of(Priority.LOW);
        }
        return Optional.empty();
    }

    @Override
    public String priorityName(Priority priority) {
        return switch (priority) {
            case LOW -> "1 low";
            case MEDIUM -> "2 normal";
            case HIGH -> "3 high";
            case URGENT -> properties.urgentPriority();
        };
    }

    @Override
    public String link(String externalId) {
        return location() + "/#ticket/zoom/" + externalId;
    }

    private String search(String query, String sortBy, int page) {
        return "/api/v1/tickets/search?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&sort_by="
                + sortBy + "&order_by=asc&expand=true&page=" + page + "&per_page=" + properties.perPage();
    }

    /** A Zammad ticket id is a number; anything else would change the path. */
    private static String id(String externalId) throws HelpdeskException {
        if (!externalId.matches("\\d{1,18}")) {
            throw HelpdeskException.permanent("'" + externalId + "' is not a Zammad ticket id");
        }
        return externalId;
    }

    static String hmacSha1(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
