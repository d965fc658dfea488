package io.tickettriage.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * The application as a separate JVM, started from the test classpath, so that a test can kill it the way a
 * power cut or the OOM killer would (SIGKILL: no shutdown hooks, nothing flushed).
 */
public final class AppProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private AppProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static AppProcess start(Path workDir, Map<String, String> environment) {
        return start(workDir, environment, List.of("-Xmx512m"));
    }

    /** Starts with the given JVM options instead of the default heap limit. */
    public static AppProcess start(Path workDir, Map<String, String> environment, List<String> jvmOptions) {
        try {
            Files.createDirectories(workDir);
            int port = FreePorts.next();
            Path log = Files.createTempFile(workDir, "app-", ".log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED"));
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.tickettriage.TriageApplication"));
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            builder.environment().put("SERVER_PORT", String.valueOf(port));
            AppProcess app = new AppProcess(builder.start(), port, log);
            try {
                app.awaitHealthy();
            } catch (RuntimeException | Error e) {
                // a process that did not become healthy in time would otherwise outlive the test run
                app.kill();
                throw e;
            }
            return app;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Api api() {
        return new Api(port);
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    /** Ends the JVM at once, as SIGKILL does. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
    }

    private void awaitHealthy() {
        Api api = api();
        // Generous: several of these JVMs start at once on a small, busy machine.
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .failFast("the application exited: " + log, () -> !process.isAlive())
                .until(() -> api.get("/actuator/health").status() == 200);
    }
}
