package io.tickettriage.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.json.JsonMapper;

class KnowledgeFileWriterTests {

    @TempDir
    Path dir;

    KnowledgeFileWriter writer;
    KnowledgeFiles reader = new KnowledgeFiles(JsonMapper.builder().build());

    @BeforeEach
    void writer() {
        writer = new KnowledgeFileWriter(new KnowledgeProperties(dir, true, java.time.Duration.ZERO, KnowledgeProperties.Index.DEFAULTS,
                KnowledgeProperties.Embedding.SHIPPED, true), JsonMapper.builder().build());
    }

    @Test
    void writesATeamsFileInTheOriginalFormatWithRawUtf8() throws IOException {
        writer.upsert(7, "Hardware Team", entry(7, "Écran cassé – bureau 3", "Hardware Team"));

        String text = Files.readString(dir.resolve("Hardware.json"));
        assertThat(text).contains("Écran cassé – bureau 3").contains("\"ticket_id\" : 7");
        assertThat(read("Hardware.json")).extracting(LabelledText::team).containsExactly("Hardware Team");
    }

    @Test
    void writingTheSameTicketAgainNeverDuplicatesIt() throws IOException {
        writer.upsert(7, "Hardware Team", entry(7, "Dock broken", "Hardware Team"));
        writer.upsert(7, "Hardware Team", entry(7, "Dock broken", "Hardware Team"));

        assertThat(read("Hardware.json")).hasSize(1);
    }

    @Test
    void movesAnEntryWhenItsTeamChangesAndRemovesItOnRequest() throws IOException {
        writer.upsert(7, "Hardware Team", entry(7, "Cannot reach share", "Hardware Team"));
        writer.upsert(7, "Network Team", entry(7, "Cannot reach share", "Network Team"));

        assertThat(read("Hardware.json")).isEmpty();
        assertThat(read("Network.json")).hasSize(1);

        writer.remove(7);
        assertThat(read("Network.json")).isEmpty();
    }

    @Test
    void keepsEntriesItDidNotWrite() throws IOException {
        Files.writeString(dir.resolve("HR.json"), "[{\"title\": \"Payslip \\u2019 wrong\", \"team\": \"HR Team\"}]");

        writer.upsert(9, "HR Team", entry(9, "Leave balance", "HR Team"));

        assertThat(read("HR.json")).extracting(LabelledText::title).containsExactly("Payslip \u2019 wrong", "Leave balance");
    }

    @Test
    void neverOverwritesAFileItCannotParse() throws IOException {
        Files.writeString(dir.resolve("Security.json"), "[{ broken");

        assertThatThrownBy(() -> writer.upsert(3, "Security Team", entry(3, "Phishing", "Security Team")))
                .isInstanceOf(IOException.class).hasMessageContaining("Security.json");
        assertThat(Files.readString(dir.resolve("Security.json"))).isEqualTo("[{ broken");
    }

    @Test
    void concurrentWritesOfAHundredTicketsLeaveValidFilesHoldingAllOfThem() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> writes = new ArrayList<>();
        for (long id = 1; id <= 100; id++) {
            long ticket = id;
            String team = ticket % 2 == 0 ? "Hardware Team" : "Software Team";
            writes.add(pool.submit(() -> {
                writer.upsert(ticket, team, entry(ticket, "Ticket number " + ticket, team));
                return null;
            }));
        }
        for (Future<?> write : writes) {
            write.get();
        }
        pool.shutdown();

        assertThat(read("Hardware.json")).hasSize(50);
        assertThat(read("Software.json")).hasSize(50);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void namesFilesAfterTheTeamSafely() {
        assertThat(writer.fileFor("Hardware Team").getFileName().toString()).isEqualTo("Hardware.json");
        assertThat(writer.fileFor("Facilities").getFileName().toString()).isEqualTo("Facilities.json");
        assertThat(writer.fileFor("../../etc/passwd").getParent()).isEqualTo(dir);
    }

    private List<LabelledText> read(String file) throws IOException {
        try (InputStream in = Files.newInputStream(dir.resolve(file))) {
            return reader.read(in, file, "file");
        }
    }

    private static Map<String, Object> entry(long ticketId, String title, String team) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("title", title);
        entry.put("description", "");
        entry.put("team", team);
        entry.put("ticket_id", ticketId);
        return entry;
    }
}
