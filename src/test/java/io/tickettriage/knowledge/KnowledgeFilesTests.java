package io.tickettriage.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.tickettriage.ticket.Level;
import io.tickettriage.ticket.Priority;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class KnowledgeFilesTests {

    private final KnowledgeFiles files = new KnowledgeFiles(JsonMapper.builder().build());

    @Test
    void readsUnicodeEscapesAsWrittenByTheOriginalDesign() throws IOException {
        String json = """
                [{"title": "Can\\u2019t print", "description": "Caf\\u00e9 printer", "team": "Hardware Team"}]""";
        List<LabelledText> examples = files.read(stream(json), "Hardware.json", "file");
        assertThat(examples).singleElement().satisfies(example -> {
            assertThat(example.title()).isEqualTo("Can\u2019t print");
            assertThat(example.description()).isEqualTo("Café printer");
            assertThat(example.team()).isEqualTo("Hardware Team");
        });
    }

    @Test
    void readsRawUtf8AndOptionalLabels() throws IOException {
        String json = """
                [{"title": "Drucker druckt nicht – Büro 3", "description": "日本語も", "team": "Hardware Team",
                  "priority": "Normal", "level": "Level 2 Support", "ticket_id": 7}]""";
        LabelledText example = files.read(stream(json), "Hardware.json", "file").getFirst();
        assertThat(example.title()).isEqualTo("Drucker druckt nicht – Büro 3");
        assertThat(example.description()).isEqualTo("日本語も");
        assertThat(example.priority()).isEqualTo(Priority.MEDIUM);
        assertThat(example.level()).isEqualTo(Level.TIER_2);
    }

    @Test
    void takesTheTeamFromTheFileNameWhenAnEntryHasNone() throws IOException {
        List<LabelledText> examples = files.read(stream("[{\"title\": \"VPN down\"}]"), "Network.json", "file");
        assertThat(examples.getFirst().team()).isEqualTo("Network Team");
        assertThat(KnowledgeFiles.teamFromFileName("Facilities_Team.json")).isEqualTo("Facilities Team");
        assertThat(KnowledgeFiles.teamFromFileName("Hardware.de.json")).isEqualTo("Hardware Team");
    }

    @Test
    void skipsEntriesWithoutTitle() throws IOException {
        String json = "[{\"title\": \"  \", \"team\": \"HR Team\"}, {\"description\": \"x\"}, {\"title\": \"Payslip\"}]";
        assertThat(files.read(stream(json), "HR.json", "file")).extracting(LabelledText::title)
                .containsExactly("Payslip");
    }

    @Test
    void reportsAFileThatIsNotAnArrayOfExamplesInTheFilesTerms() {
        assertThatThrownBy(() -> files.read(stream("[{\"title\": 1"), "Broken.json", "file"))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("Broken.json is not valid JSON at line 1, column 13: ");
        assertThatThrownBy(() -> files.read(stream("{\"title\": \"VPN down\"}"), "Network.json", "file"))
                .hasMessage("Network.json must hold a JSON array of ticket examples ([{\"title\": ..., "
                        + "\"description\": ..., \"team\": ...}]), not an object");
        assertThatThrownBy(() -> files.read(stream("[{\"title\": \"VPN down\"}, 2]"), "Network.json", "file"))
                .hasMessage("Network.json: entry 2 of 2 is a number, not an object with a title, a description and"
                        + " a team");
        assertThatThrownBy(() -> files.read(stream(""), "Empty.json", "file"))
                .hasMessageEndingWith("not an empty file");
    }

    @Test
    void readsEveryFileOfTheOriginalDesign() throws IOException {
        java.nio.file.Path folder = java.nio.file.Path.of("../shared/seed-prototypes");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(folder),
                "the original example files are beside the repository");
        int total = 0;
        for (String team : List.of("Hardware", "Software", "Network", "Security", "HR")) {
            try (InputStream in = java.nio.file.Files.newInputStream(folder.resolve(team + ".json"))) {
                List<LabelledText> examples = files.read(in, team + ".json", "file");
                assertThat(examples).isNotEmpty().allSatisfy(e -> assertThat(e.team()).isEqualTo(team + " Team"));
                total += examples.size();
            }
        }
        assertThat(total).isEqualTo(253);
    }

    private static InputStream stream(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }
}
