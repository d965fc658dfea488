package io.tickettriage.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/**
 * Browser code in the jar comes from the npm registry through the frontend build, pinned by package-lock.json and
 * covered by npm audit (scripts/audit-dependencies.sh); none is copied into the sources by hand.
 */
class ThirdPartyCodeTests {

    @Test
    void noScriptOrStyleSheetIsCommittedUnderTheJarsResources() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "resources"))) {
            List<Path> browserCode = files.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().matches(".*\\.(js|mjs|css|map)$"))
                    .toList();
            assertThat(browserCode).as("built from frontend/ instead").isEmpty();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void reDocIsAShippedDependencyPinnedToOneVersion() throws IOException {
        Map<String, Object> manifest = JsonMapper.builder().build()
                .readValue(Path.of("frontend", "package.json").toFile(), Map.class);
        Map<String, String> dependencies = (Map<String, String>) manifest.get("dependencies");
        assertThat(dependencies.get("redoc")).as("an exact version, audited with the production dependencies")
                .matches("\\d+\\.\\d+\\.\\d+");
        assertThat((Map<String, String>) manifest.get("scripts")).containsKey("postbuild");
    }
}
