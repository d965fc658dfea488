package io.tickettriage.connector.zammad;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.tickettriage.connector.HelpdeskException;
import io.tickettriage.connector.HelpdeskTicket;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/**
 * Zammad's JSON as its REST API (6.x) documents it: tickets with {@code expand=true} name their group, priority and
 * state as strings ({@code "group": "Users"}, {@code "priority": "2 normal"}, {@code "state": "open"}); a webhook's
 * default payload carries them as objects with a {@code name}. Errors are {@code {"error": ..., "error_human": ...}}.
 * Anything else is an unexpected answer, a permanent failure that names what was missing.
 */
final class ZammadJson {

    static final String CLOSED_STATE = "closed";
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>|</(p|div|li|tr|h[1-6]|blockquote)>");

    private ZammadJson() {
    }

    static @Nullable String errorText(JsonNode body) {
        String human = body.path("error_human").asString(null);
        return human != null ? human : body.path("error").asString(null);
    }

    static List<HelpdeskTicket> tickets(JsonNode array, String what) throws HelpdeskException {
        if (!array.isArray()) {
            throw HelpdeskException.permanent("Zammad answered " + what + " with " + kind(array)
                    + " where its API documents an array of tickets (expand=true)");
        }
        List<HelpdeskTicket> tickets = new ArrayList<>();
        for (JsonNode ticket : array) {
            tickets.add(ticket(ticket, null, what));
        }
        return tickets;
    }

    /** A ticket of the REST API or of a webhook payload, with {@code description} if the caller has it. */
    static HelpdeskTicket ticket(JsonNode ticket, @Nullable String description, String what) throws HelpdeskException {
        JsonNode id = ticket.path("id");
        if (!ticket.isObject() || !(id.isNumber() || id.isString() && !id.asString().isBlank())) {
            throw HelpdeskException.permanent("Zammad answered " + what + " with a ticket without an id: "
                    + excerpt(ticket));
        }
        String state = name(ticket.path("state"));
        if (state == null) {
            throw HelpdeskException.permanent("Zammad answered " + what + " with ticket " + id.asString()
                    + " without its state (is expand=true ignored by a proxy?)");
        }
        return new HelpdeskTicket(id.asString(), ticket.path("title").asString(""), description,
                name(ticket.path("group")), name(ticket.path("priority")), state, CLOSED_STATE.equalsIgnoreCase(state),
                time(ticket.path("updated_at")));
    }

    /** The text of a ticket's first article (the request itself), from the articles of {@code by_ticket}. */
    static String firstArticle(JsonNode articles, String what) throws HelpdeskException {
        if (!articles.isArray()) {
            throw HelpdeskException.permanent("Zammad answered " + what + " with " + kind(articles)
                    + " where its API documents an array of articles");
        }
        JsonNode first = null;
        for (JsonNode article : articles) {
            if (first == null || article.path("id").asLong() < first.path("id").asLong()) {
                first = article;
            }
        }
        return first == null ? "" : articleText(first);
    }

    static String articleText(JsonNode article) {
        String body = article.path("body").asString("");
        return article.path("content_type").asString("text/plain").toLowerCase(java.util.Locale.ROOT)
                .contains("html") ? htmlToText(body) : body.strip();
    }

    /** The name of an association: a string with {@code expand=true}, an object with a name in webhook payloads. */
    static @Nullable String name(JsonNode value) {
        if (value.isString()) {
            return value.asString().isBlank() ? null : value.asString();
        }
        if (value.isObject() && value.path("name").isString()) {
            return value.path("name").asString();
        }
        return null;
    }

    static String htmlToText(String html) {
        String text = BREAK.matcher(html).replaceAll("\n");
        text = TAG.matcher(text).replaceAll("");
        text = text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
        return text.lines().map(String::strip).reduce((a, b) -> a + "\n" + b).orElse("").replaceAll("\n{3,}", "\n\n")
                .strip();
    }

    private static @Nullable Instant time(JsonNode value) {
        try {
            return value.isString() ? Instant.parse(value.asString()) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String kind(JsonNode node) {
        return node.isObject() ? "an object" : node.isNull() || node.isMissingNode() ? "nothing" : "a " + node.getNodeType();
    }

    private static String excerpt(JsonNode node) {
        String text = node.toString();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
