package io.tickettriage.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.tickettriage.support.Api;
import io.tickettriage.ticket.TicketManagement;
import io.tickettriage.ticket.TicketManagement.AgentChange;
import io.tickettriage.ticket.TicketManagement.NewTicket;
import io.tickettriage.ticket.TicketStatus;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The knowledge folder on a real file system that fills up: a 128 KiB tmpfs mounted for this test, which needs
 * root (as in CI) and is skipped otherwise. Closing a ticket must not depend on the disk; the file write waits for
 * space and never damages the file that is there.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "triage.auth=none", "DATABASE_URL=sqlite:///target/it-${random.uuid}.db", "triage.rate-limit-per-minute=0",
        "triage.jobs.retry-backoff=50ms"})
@ExtendWith(OutputCaptureExtension.class)
class KnowledgeFolderFullIT {

    private static final Path FOLDER = Path.of("target", "knowledge-tmpfs-" + UUID.randomUUID()).toAbsolutePath();
    private static boolean mounted;

    @LocalServerPort
    int port;

    @Autowired
    TicketManagement tickets;

    @BeforeAll
    static void mountATinyFileSystem() throws Exception {
        assumeThat(run("id", "-u").strip()).as("mounting a tmpfs needs root; the full-disk test is skipped")
                .isEqualTo("0");
        Files.createDirectories(FOLDER);
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=128k", "tmpfs", FOLDER.toString())
                .redirectErrorStream(true).start();
        assumeThat(mount.waitFor()).as("mount failed (no CAP_SYS_ADMIN?): the full-disk test is skipped")
                .isZero();
        mounted = true;
    }

    @AfterAll
    static void unmount() throws Exception {
        if (mounted) {
            // Lazy: the service may still hold the lock file open while its context is cached for other tests.
            new ProcessBuilder("umount", "-l", FOLDER.toString()).start().waitFor();
        }
    }

    @DynamicPropertySource
    static void knowledgeFolder(DynamicPropertyRegistry registry) {
        registry.add("triage.knowledge.dir", FOLDER::toString);
    }

    @Test
    void closingSucceedsOnAFullDiskAndTheFileIsWrittenIntactOnceSpaceReturns(CapturedOutput output)
            throws IOException {
        Api api = new Api(port);
        long first = hardwareTicket("Laptop battery swells and the case bulges");
        assertThat(api.patch("/tickets/" + first + "/status?status=closed").status()).isEqualTo(200);
        Path file = FOLDER.resolve("Hardware.json");
        await().atMost(Duration.ofSeconds(30)).until(() -> ticketIds(file).equals(List.of(first)));
        String before = Files.readString(file);

        Path filler = FOLDER.resolve("filler.bin");
        fillTheDisk(filler);
        long second = hardwareTicket("Docking station no longer charges the laptop");
        assertThat(api.patch("/tickets/" + second + "/status?status=closed").status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> output.getOut().contains(
                "Could not write ticket " + second + " to the knowledge folder"));
        assertThat(output.getOut()).contains("No space left on device");
        assertThat(Files.readString(file)).isEqualTo(before);
        assertThat(tickets.get(second).status()).isEqualTo(TicketStatus.CLOSED);

        Files.delete(filler);
        await().atMost(Duration.ofSeconds(30)).until(() -> ticketIds(file).equals(List.of(first, second)));
        try (var leftovers = Files.list(FOLDER)) {
            assertThat(leftovers.map(path -> path.getFileName().toString()))
                    .noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    private long hardwareTicket(String title) {
        long id = tickets.create(new NewTicket(title, "It started this morning at my desk.", null, null)).id();
        await().atMost(Duration.ofSeconds(60)).until(() -> tickets.get(id).status() == TicketStatus.ROUTED);
        if (!"Hardware Team".equals(tickets.get(id).assignedTo())) {
            tickets.change(id, new AgentChange("Hardware Team", null, null));
        }
        return id;
    }

    private static void fillTheDisk(Path filler) {
        byte[] block = new byte[4_096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            assertThat(full.getMessage()).contains("No space left");
        }
    }

    private static List<Long> ticketIds(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        JsonNode entries = JsonMapper.builder().build().readTree(file.toFile());
        return entries.valueStream().map(entry -> entry.get("ticket_id").asLong()).sorted().toList();
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return out;
    }
}
