package io.tickettriage.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The official npm {@code socket.io-client}, as a browser dashboard uses it, run by Node.js against the
 * application: see {@code src/test/node/live-client.mjs} (installed into {@code target/node} by the build).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "triage.auth=none", "DATABASE_URL=sqlite:///target/it-${random.uuid}.db", "triage.knowledge.dir=target/knowledge-${random.uuid}",
        "triage.realtime.keep-alive=200ms"})
class SocketIoNodeClientIT {

    private static final Path CLIENT = Path.of("target", "node");

    @LocalServerPort
    int port;

    @ParameterizedTest
    @CsvSource({"polling, polling", "upgrade, websocket"})
    void theNpmClientReceivesTicketCreatedThenTicketRouted(String mode, String finalTransport) throws Exception {
        Path output = Files.createTempFile("live-client", ".log");
        Process node = new ProcessBuilder("node", "live-client.mjs", "http://127.0.0.1:" + port, mode)
                .directory(CLIENT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean finished = node.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            node.destroyForcibly();
        }
        String log = Files.readString(output, StandardCharsets.UTF_8);
        Files.delete(output);

        assertThat(finished).as("node finished; output:%n%s", log).isTrue();
        assertThat(node.exitValue()).as("node exit code; output:%n%s", log).isZero();
        JsonNode result = JsonMapper.builder().build().readTree(lastLine(log));
        assertThat(result.path("ok").asBoolean()).isTrue();
        assertThat(result.path("transport").asString()).isEqualTo(finalTransport);
        assertThat(result.path("events").values()).extracting(JsonNode::asString)
                .startsWith(LiveEvent.TICKET_CREATED, LiveEvent.TICKET_ROUTED);
    }

    private static String lastLine(String log) {
        String[] lines = log.strip().split("\n");
        return lines[lines.length - 1];
    }
}
