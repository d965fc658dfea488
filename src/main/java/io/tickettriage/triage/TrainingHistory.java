package io.tickettriage.triage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.tickettriage.knowledge.LabelledCsv;
import io.tickettriage.knowledge.LabelledCsv.Row;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The history {@code eval} trains on: a labelled CSV file, or a folder of knowledge files (one JSON array of
 * {@code {title, description, team, priority?, level?}} per team, as the starter examples are written), so that
 * the starter teams can be evaluated as they ship.
 */
final class TrainingHistory {

    private static final TypeReference<List<Map<String, Object>>> ENTRIES = new TypeReference<>() {
    };

    private TrainingHistory() {
    }

    static LabelledCsv.Rows read(Path path, List<String> textColumns, String labelColumn,
            @Nullable String priorityColumn, @Nullable String levelColumn) throws IOException {
        if (!Files.isDirectory(path)) {
            return LabelledCsv.read(path, textColumns, labelColumn, priorityColumn, levelColumn);
        }
        JsonMapper json = JsonMapper.builder().build();
        List<Row> rows = new ArrayList<>();
        int skipped = 0;
        List<Path> files;
        try (Stream<Path> listing = Files.list(path)) {
            files = listing.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        for (Path file : files) {
            for (Map<String, Object> entry : json.readValue(file.toFile(), ENTRIES)) {
                String team = text(entry.get("team"));
                String title = text(entry.get("title"));
                if (team == null || title == null) {
                    skipped++;
                    continue;
                }
                String description = text(entry.get("description"));
                rows.add(new Row(title, description == null ? "" : description, team, text(entry.get("priority")),
                        text(entry.get("level"))));
            }
        }
        return new LabelledCsv.Rows(rows, skipped);
    }

    private static @Nullable String text(@Nullable Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }
}
