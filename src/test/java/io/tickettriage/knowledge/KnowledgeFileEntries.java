package io.tickettriage.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the knowledge files in a folder say, read as a user would read them. */
final class KnowledgeFileEntries {

    private KnowledgeFileEntries() {
    }

    /** The {@code ticket_id} of every entry learnt from a ticket, over all the team files in {@code dir}. */
    static List<Long> ticketIds(Path dir) throws IOException {
        List<Long> ids = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return ids;
        }
        JsonMapper json = JsonMapper.builder().build();
        try (var files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path file : files) {
                try (InputStream in = Files.newInputStream(file)) {
                    for (JsonNode entry : json.readTree(in)) {
                        if (entry.has("ticket_id")) {
                            ids.add(entry.get("ticket_id").asLong());
                        }
                    }
                }
            }
        }
        return ids;
    }
}
