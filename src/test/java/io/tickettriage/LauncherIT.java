package io.tickettriage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.tickettriage.support.Api;
import io.tickettriage.support.FreePorts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first ten minutes of a new user, end to end: the repository cloned into an empty folder, {@code
 * ./ticket-triage} started there on a free port, healthy, a token from {@code ./ticket-triage token create}, a
 * ticket created and routed, the service stopped by a signal.
 *
 * <p>To keep CI affordable the clone does not compile again: the jar this build just made is copied into the
 * clone's {@code target/app/}, as a finished build leaves it, so the launcher's build check runs and finds it up to
 * date; the check's other answer (a source newer than the jar) is asserted through {@code ./ticket-triage status},
 * which reports what a start would do. The launcher's start-up cache is prepared for real (its training run), so
 * what a start after a build does is covered. What is tested is the committed state of the repository (a clone).
 */
class LauncherIT {

    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Path BUILT = PROJECT.resolve(Path.of("target", "app"));

    @TempDir
    Path dir;

    @Test
    void aFreshCloneStartsWithTheLauncherRoutesATicketAndStops() throws Exception {
        assumeTrue(Files.exists(PROJECT.resolve(".git")), "not a git checkout: nothing to clone");
        assumeTrue(Files.exists(BUILT.resolve("ticket-triage.jar")), "no built jar in target/app to reuse");
        Path clone = dir.resolve("clone");
        run(dir, Duration.ofMinutes(2), "git", "clone", "--quiet", "--no-hardlinks", PROJECT.toString(),
                clone.toString());
        copyBuild(clone.resolve(Path.of("target", "app")));

        assertThat(run(clone, Duration.ofMinutes(1), "./ticket-triage", "status")).contains("jar up to date")
                .contains("start-up cache: not prepared yet");

        int port = FreePorts.next();
        Path log = dir.resolve("launcher.log");
        ProcessBuilder start = new ProcessBuilder("./ticket-triage").directory(clone.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        start.environment().put("SERVER_PORT", String.valueOf(port));
        Process service = start.start();
        try {
            Api api = new Api(port);
            // the first start after a build includes the training run that prepares the start-up cache
            try {
                await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofMillis(500))
                        .failFast("the launcher exited", () -> !service.isAlive())
                        .until(() -> healthy(api));
            } catch (RuntimeException e) {
                throw new AssertionError("not healthy; the launcher's output ends with:\n" + tail(log), e);
            }
            assertThat(Files.readString(log)).contains("start-up cache ready").doesNotContain("building")
                    .contains("Starting from the bean definitions the build made ahead of time");

            String created = run(clone, Duration.ofMinutes(3), "./ticket-triage", "token", "create", "--role", "agent",
                    "--name", "launcher-test");
            String token = created.lines().filter(line -> line.startsWith("tt_")).findFirst().orElseThrow();
            Api agent = api.withToken(token);
            Api.Reply ticket = agent.post("/tickets", Api.json(java.util.Map.of(
                    "title", "Laptop screen flickers after docking",
                    "description", "The external monitor goes black on the dock")));
            assertThat(ticket.status()).as(ticket.body()).isEqualTo(201);
            long id = ticket.json().path("id").asLong();
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                    .until(() -> agent.get("/tickets/" + id).json().path("status").asString(), "routed"::equals);
            assertThat(agent.get("/tickets/" + id).json().path("assigned_to").asString()).isNotBlank();

            service.destroy(); // SIGTERM to the JVM: the launcher replaced itself with it
            assertThat(service.waitFor(60, TimeUnit.SECONDS)).as("stopped by SIGTERM").isTrue();
        } finally {
            service.descendants().forEach(ProcessHandle::destroyForcibly);
            service.destroyForcibly();
        }

        Path source = clone.resolve(Path.of("src", "main", "java", "io", "tickettriage", "TriageApplication.java"));
        Files.setLastModifiedTime(source, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(run(clone, Duration.ofMinutes(1), "./ticket-triage", "status"))
                .contains("build needed: src/main/java/io/tickettriage/TriageApplication.java is newer than the jar");
    }

    /** Copies the built application as a build leaves it: newer than every source of the fresh clone. */
    private static void copyBuild(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(BUILT)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".aot") || name.endsWith(".jsa") || name.endsWith(".log")
                        || name.endsWith(".cache-jvm")) {
                    continue; // the start-up cache is the clone's own to prepare
                }
                Path copy = target.resolve(BUILT.relativize(file));
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                Files.setLastModifiedTime(copy, FileTime.from(Instant.now()));
            }
        }
    }

    private static boolean healthy(Api api) {
        try {
            return api.get("/actuator/health").status() == 200;
        } catch (RuntimeException e) {
            return false; // not listening yet
        }
    }

    private static String run(Path directory, Duration timeout, String... command)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).directory(directory.toFile())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
        return output;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
