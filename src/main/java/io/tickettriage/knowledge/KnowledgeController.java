package io.tickettriage.knowledge;

import java.io.IOException;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Knowledge")
class KnowledgeController {

    private final KnowledgeBase knowledge;
    private final KnowledgeFileWriter writer;
    private final KnowledgeProperties properties;

    KnowledgeController(KnowledgeBase knowledge, KnowledgeFileWriter writer, KnowledgeProperties properties) {
        this.knowledge = knowledge;
        this.writer = writer;
        this.properties = properties;
    }

    @PostMapping(path = "/knowledge/export", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Write every known example into the team knowledge files",
            description = "Entries already in a file are kept; nothing is written twice.")
    Map<String, Object> export() throws IOException {
        int added = writer.export(knowledge.examples());
        return Map.of("folder", properties.dir().toAbsolutePath().normalize().toString(), "examples",
                knowledge.size(), "added", added);
    }
}
