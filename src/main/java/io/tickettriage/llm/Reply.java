package io.tickettriage.llm;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tickettriage.ticket.Level;
import io.tickettriage.ticket.Priority;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a Chat Completions response and checks the answer in it against the schema, whatever the server
 * promised: a JSON object with exactly the four fields, a team from the allowed list (or "none"), a priority
 * and a tier from their enums, a short reason. The labels must match exactly: a model that invents
 * "Critical" or "Network team" has not followed the schema, and nothing it says is used.
 */
final class Reply {

    static final int MAX_REASON_CHARS = 400;
    private static final Set<String> FIELDS = Set.of("reason", "team", "priority", "level");
    private static final Pattern FENCED = Pattern.compile("(?s)^```(?:json)?\\s*(.*?)\\s*```$");

    /** Either a valid answer or why the reply was refused. */
    record Verdict(boolean valid, @Nullable String team, @Nullable Priority priority, @Nullable Level level,
            String reason) {

        static Verdict invalid(String why) {
            return new Verdict(false, null, null, null, why);
        }
    }

    private Reply() {
    }

    static Verdict read(JsonMapper json, String body, List<String> allowedTeams) {
        JsonNode response;
        try {
            response = json.readTree(body);
        } catch (JacksonException e) {
            return Verdict.invalid("The response is not JSON");
        }
        JsonNode message = response.path("choices").path(0).path("message");
        if (!message.isObject()) {
            return Verdict.invalid("The response has no choices[0].message");
        }
        String refusal = message.path("refusal").stringValue(null);
        if (refusal != null && !refusal.isBlank()) {
            return Verdict.invalid("The model refused: " + shorten(refusal));
        }
        String content = message.path("content").stringValue(null);
        if (content == null || content.isBlank()) {
            return Verdict.invalid("The reply is empty (finish reason: "
                    + response.path("choices").path(0).path("finish_reason").asString("unknown") + ")");
        }
        return answer(json, unfence(content.strip()), allowedTeams);
    }

    private static Verdict answer(JsonMapper json, String content, List<String> allowedTeams) {
        JsonNode answer;
        try {
            answer = json.readTree(content);
        } catch (JacksonException e) {
            return Verdict.invalid("The reply is not valid JSON: " + shorten(content));
        }
        if (!answer.isObject()) {
            return Verdict.invalid("The reply is not a JSON object: " + shorten(content));
        }
        for (String field : answer.propertyNames()) {
            if (!FIELDS.contains(field)) {
                return Verdict.invalid("The reply has a field outside the schema: '" + shorten(field) + "'");
            }
        }
        Optional<String> missing = FIELDS.stream().filter(field -> !answer.path(field).isString()).sorted().findFirst();
        if (missing.isPresent()) {
            return Verdict.invalid("The reply lacks the text field '" + missing.get() + "'");
        }
        String team = answer.get("team").stringValue();
        if (!allowedTeams.contains(team)) {
            return Verdict.invalid("The reply names a team that is not allowed: '" + shorten(team) + "'");
        }
        Optional<Priority> priority = exact(answer.get("priority").stringValue(), Priority.parse(
                answer.get("priority").stringValue()).map(Priority::label)).map(Priority::of);
        if (priority.isEmpty()) {
            return Verdict.invalid("The reply's priority is not one of Low, Medium, High, Urgent: '"
                    + shorten(answer.get("priority").stringValue()) + "'");
        }
        Optional<Level> level = exact(answer.get("level").stringValue(), Level.parse(
                answer.get("level").stringValue()).map(Level::label)).map(Level::of);
        if (level.isEmpty()) {
            return Verdict.invalid("The reply's level is not one of Tier 1, Tier 2, Tier 3: '"
                    + shorten(answer.get("level").stringValue()) + "'");
        }
        String reason = answer.get("reason").stringValue().strip();
        if (reason.isEmpty() || reason.length() > MAX_REASON_CHARS) {
            return Verdict.invalid("The reply's reason is empty or longer than " + MAX_REASON_CHARS + " characters");
        }
        return new Verdict(true, Prompt.NO_TEAM.equals(team) ? null : team, priority.get(), level.get(), reason);
    }

    /** The label as the schema spells it, and only then: no legacy forms such as "Normal" or "Level 2 Support". */
    private static Optional<String> exact(String given, Optional<String> canonical) {
        return canonical.filter(given::equals);
    }

    /** Some servers in JSON mode still wrap the object in a Markdown code fence. */
    private static String unfence(String content) {
        Matcher fenced = FENCED.matcher(content);
        return fenced.matches() ? fenced.group(1) : content;
    }

    static String shorten(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= 120 ? flat : flat.substring(0, 120) + "…";
    }
}
