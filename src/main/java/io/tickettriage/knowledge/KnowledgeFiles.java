package io.tickettriage.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tickettriage.ticket.Level;
import io.tickettriage.ticket.Priority;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads team knowledge files: a JSON array of {@code {"title", "description", "team"}} objects with optional
 * {@code priority} and {@code level}, named {@code <Team>.json}. Raw UTF-8 and {@code \\uXXXX} escapes both read.
 */
@Component
class KnowledgeFiles {

    private static final TypeReference<List<Map<String, Object>>> ENTRIES = new TypeReference<>() {
    };

    private final JsonMapper json;

    KnowledgeFiles(JsonMapper json) {
        this.json = json;
    }

    /**
     * Parses one file. Entries without a title are skipped; an entry without a team takes it from the file
     * name ({@code Hardware.json} gives {@code Hardware Team}).
     */
    List<LabelledText> read(InputStream in, String fileName, String source) throws IOException {
        List<Map<String, Object>> entries = entries(in, fileName);
        String fileTeam = teamFromFileName(fileName);
        List<LabelledText> examples = new ArrayList<>(entries.size());
        for (Map<String, Object> entry : entries) {
            String title = text(entry.get("title"));
            if (title == null || title.isBlank()) {
                continue;
            }
            String team = text(entry.get("team"));
            String description = text(entry.get("description"));
            examples.add(new LabelledText(team == null || team.isBlank() ? fileTeam : team.strip(), title.strip(),
                    description == null ? "" : description.strip(),
                    Priority.parse(text(entry.get("priority"))).orElse(null),
                    Level.parse(text(entry.get("level"))).orElse(null), source, ticketId(entry.get("ticket_id"))));
        }
        return examples;
    }

    /**
     * The file's entries, or an error that says in the file's terms what is wrong: where the JSON breaks, or what
     * stands where an array of objects should be.
     */
    private List<Map<String, Object>> entries(InputStream in, String fileName) throws IOException {
        JsonNode root;
        try {
            root = json.readTree(in);
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            throw new IOException(fileName + " is not valid JSON" + (at == null || at.getLineNr() < 1 ? ""
                    : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ": " + e.getOriginalMessage(),
                    e);
        }
        if (root == null || !root.isArray()) {
            throw new IOException(fileName + " must hold a JSON array of ticket examples ([{\"title\": ..., "
                    + "\"description\": ..., \"team\": ...}]), not " + kind(root));
        }
        for (int i = 0; i < root.size(); i++) {
            if (!root.get(i).isObject()) {
                throw new IOException(fileName + ": entry " + (i + 1) + " of " + root.size() + " is " + kind(root.get(i))
                        + ", not an object with a title, a description and a team");
            }
        }
        return json.convertValue(root, ENTRIES);
    }

    private static String kind(@Nullable JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "an empty file";
        }
        return switch (node.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case NULL -> "null";
            default -> "something else";
        };
    }

    /** {@code Hardware.json} and {@code Hardware.de.json} (its German examples) both give {@code Hardware Team}. */
    static String teamFromFileName(String fileName) {
        String stem = fileName.replaceFirst("(?i)\\.json$", "").replaceFirst("\\.[a-z]{2}$", "").replace('_', ' ')
                .strip();
        return stem.toLowerCase().endsWith("team") ? stem : stem + " Team";
    }

    private static @Nullable Long ticketId(@Nullable Object value) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        try {
            return value == null ? null : Long.valueOf(value.toString().strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static @Nullable String text(@Nullable Object value) {
        return value == null ? null : value.toString();
    }
}
