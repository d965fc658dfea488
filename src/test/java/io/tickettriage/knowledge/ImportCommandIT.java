package io.tickettriage.knowledge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.tickettriage.support.CommandProcess;
import io.tickettriage.ticket.Priority;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code import} as a user runs it: a separate JVM writing into the database of a running service, which picks
 * the new examples up by itself. Importing the same file again adds nothing.
 */
@SpringBootTest(properties = {"triage.auth=none", "DATABASE_URL=sqlite:///target/it-import.db", "triage.knowledge.dir=target/knowledge-${random.uuid}",
        "triage.knowledge.poll-interval=200ms", "triage.jobs.workers=0", "triage.train-models=false"})
class ImportCommandIT {

    // The child process must open the same file, so the name is fixed and each run starts from a fresh one.
    static final Path DATABASE = Path.of("target", "it-import.db").toAbsolutePath();

    static {
        try {
            for (String suffix : List.of("", "-wal", "-shm")) {
                Files.deleteIfExists(Path.of(DATABASE + suffix));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Autowired
    KnowledgeBase knowledge;

    @Test
    void anImportIntoTheServicesDatabaseIsPickedUpByTheRunningService() throws Exception {
        assertThat(knowledge.awaitReady(Duration.ofSeconds(60))).isTrue();
        int before = knowledge.size();
        Path csv = Files.createTempFile(Path.of("target"), "history-", ".csv");
        List<String> lines = new ArrayList<>(List.of("subject,body,team,prio"));
        for (int i = 0; i < 12; i++) {
            lines.add("Badge reader " + i + " at the east door,\"The door will not open, floor " + i
                    + "\",Facilities Team," + (i % 2 == 0 ? "High" : "low"));
        }
        lines.add("No team on this row,,,");
        Files.write(csv, lines, StandardCharsets.UTF_8);

        String first = runImport(csv);

        assertThat(first).contains("imported 12 new examples (0 already known)");
        await().atMost(Duration.ofSeconds(20)).until(() -> knowledge.examplesOf("Facilities Team") == 12);
        assertThat(knowledge.size()).isEqualTo(before + 12);
        assertThat(knowledge.entries()).filteredOn(e -> e.example().team().equals("Facilities Team"))
                .allSatisfy(e -> {
                    assertThat(e.example().source()).isEqualTo("import");
                    assertThat(e.vector()).hasSize(384);
                })
                .extracting(e -> e.example().priority()).containsOnly(Priority.HIGH, Priority.LOW);

        String second = runImport(csv);

        assertThat(second).contains("imported 0 new examples (12 already known)");
    }

    @Test
    void wrongArgumentsPrintTheUsageAndFail() throws Exception {
        Process process = command("import", "--csv", "x.csv").start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output).contains("--csv needs --text and --label").contains("Usage:");
    }

    private String runImport(Path csv) throws IOException, InterruptedException {
        return CommandProcess.run(command("import", "--csv", csv.toString(), "--text", "subject,body", "--label",
                "team", "--priority", "prio"), Duration.ofSeconds(120));
    }

    private static ProcessBuilder command(String... args) {
        ProcessBuilder builder = CommandProcess.command(args);
        builder.environment().put("DATABASE_URL", "sqlite:///" + DATABASE);
        builder.environment().put("TRIAGE_KNOWLEDGE_DIR", "target/knowledge-import-" + java.util.UUID.randomUUID());
        return builder;
    }
}
