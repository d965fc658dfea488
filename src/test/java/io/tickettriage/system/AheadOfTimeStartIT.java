package io.tickettriage.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.tickettriage.support.Api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The jar as built, started from the bean definitions the build made ahead of time: the same API as a start that
 * decides its beans at start (the OpenAPI document the dashboard is generated from, to the field), tickets routed,
 * problems for bad input; and a configuration they do not fit starts the ordinary way and says so.
 */
class AheadOfTimeStartIT {

    private static final Path JAR = Path.of("target", "app", "ticket-triage.jar").toAbsolutePath();
    private static final String AHEAD_OF_TIME = "Starting from the bean definitions the build made ahead of time";

    @TempDir
    Path dir;

    @Test
    void theBuiltJarServesTheSameApiFromTheBuildsDefinitions() throws Exception {
        assumeTrue(Files.exists(JAR), "no built jar in target/app");
        try (Server server = Server.start(dir.resolve("aot"), Map.of("TRIAGE_AUTH", "none"))) {
            assertThat(server.log()).contains(AHEAD_OF_TIME);
            Api api = new Api(server.port());

            ObjectNode served = (ObjectNode) api.get("/openapi.json").json();
            served.remove("servers");
            JsonNode committed = JsonMapper.builder().build().readTree(Path.of("frontend", "openapi.json").toFile());
            assertThat(committed.equals(served)).as("/openapi.json as OpenApiSnapshotIT knows it").isTrue();

            Api.Reply created = api.post("/tickets", Api.json(Map.of("title", "VPN drops every five minutes",
                    "description", "Since this morning, from home, the VPN disconnects")));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            long id = created.json().path("id").asLong();
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                    .until(() -> api.get("/tickets/" + id).json().path("status").asString(), "routed"::equals);
            assertThat(api.get("/tickets/" + id + "/explanation").status()).isEqualTo(200);

            Api.Reply blank = api.post("/tickets", Api.json(Map.of("title", " ")));
            assertThat(blank.status()).isEqualTo(422);
            assertThat(blank.contentType()).startsWith("application/problem+json");
            assertThat(api.get("/tickets/987654").status()).isEqualTo(404);
            assertThat(api.get("/actuator/prometheus").body()).contains("triage_");
            assertThat(api.get("/socket.io/?EIO=4&transport=polling").status()).isEqualTo(200);
        }
    }

    @Test
    void aConfigurationTheyDoNotFitStartsTheOrdinaryWayAndSaysWhy() throws Exception {
        assumeTrue(Files.exists(JAR), "no built jar in target/app");
        try (Server server = Server.start(dir.resolve("ordinary"), Map.of("TRIAGE_AUTH", "none",
                "SPRING_MAIN_BANNER_MODE", "off"))) {
            assertThat(server.log()).doesNotContain(AHEAD_OF_TIME)
                    .contains("Starting without the build's bean definitions: SPRING_MAIN_BANNER_MODE set");
            assertThat(new Api(server.port()).get("/teams").status()).isEqualTo(200);
        }
    }

    /** {@code java -jar} on the built jar, in a folder of its own (a new SQLite database). */
    private record Server(Process process, int port, Path logFile) implements AutoCloseable {

        static Server start(Path folder, Map<String, String> environment) throws IOException {
            Files.createDirectories(folder);
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "--enable-native-access=ALL-UNNAMED", "-Xmx256m", "-jar", JAR.toString()));
            Path log = folder.resolve("server.log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            builder.environment().put("SERVER_PORT", String.valueOf(port));
            Server server = new Server(builder.start(), port, log);
            Api api = new Api(port);
            try {
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
                        .failFast("the server exited", () -> !server.process().isAlive())
                        .until(() -> healthy(api));
            } catch (RuntimeException | Error e) {
                server.close();
                throw new AssertionError("not healthy; its log ends with:\n" + server.log(), e);
            }
            return server;
        }

        String log() throws IOException {
            return Files.readString(logFile);
        }

        private static boolean healthy(Api api) {
            try {
                return api.get("/actuator/health").status() == 200;
            } catch (RuntimeException e) {
                return false;
            }
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
