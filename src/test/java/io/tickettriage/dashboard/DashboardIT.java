package io.tickettriage.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tickettriage.access.AccessTokens;
import io.tickettriage.access.Role;
import io.tickettriage.support.Api;
import io.tickettriage.support.Api.Reply;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The dashboard as agents use it: served by the application, driven in a real headless Chromium by the
 * script in {@code frontend/e2e}, against the real API, engine and live events. Screenshots of the board and
 * of a ticket are left in {@code target/e2e/}.
 */
// Closing tickets writes knowledge files: a folder of its own keeps this test's corrections out of other tests.
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "DATABASE_URL=sqlite:///target/it-${random.uuid}.db", "triage.knowledge.dir=target/knowledge-${random.uuid}"})
class DashboardIT {

    private static final Path FRONTEND = Path.of("frontend").toAbsolutePath();
    private static final Path ARTIFACTS = Path.of("target", "e2e").toAbsolutePath();
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));

    @LocalServerPort
    int port;

    @Autowired
    AccessTokens tokens;

    @Test
    void servesTheDashboardAtTheRootAndOnItsOwnAddresses() {
        Api api = new Api(port);
        for (String path : new String[] {"/", "/ticket/42", "/analytics", "/team-settings", "/admin/webhooks",
                "/admin/agents"}) {
            Reply page = api.get(path);
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.contentType()).as(path).startsWith("text/html");
            assertThat(page.body()).as(path).contains("<div id=\"root\"></div>").contains("/assets/");
        }
    }

    @Test
    void letsBrowsersKeepTheContentNamedScriptsForAYear() {
        Api api = new Api(port);
        Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(api.get("/").body());
        assertThat(script.find()).as("index.html refers to a script in /assets/").isTrue();

        HttpResponse<String> asset = api.raw(api.request(script.group(1)));

        assertThat(asset.statusCode()).isEqualTo(200);
        assertThat(asset.headers().firstValue("Cache-Control")).hasValueSatisfying(
                value -> assertThat(value).contains("max-age=31536000").contains("immutable"));
    }

    @Test
    void leavesTheApiAndUnknownPathsAlone() {
        Api api = new Api(port).withToken(tokens.createApiToken("dashboard-it", Role.AGENT).secret());
        assertThat(api.get("/tickets").contentType()).startsWith("application/json");
        // The browser test in this class creates tickets: an id far beyond them is missing whatever the order.
        Reply missingTicket = api.get("/tickets/987654321");
        assertThat(missingTicket.status()).isEqualTo(404);
        assertThat(missingTicket.contentType()).startsWith("application/problem+json");
        Reply unknown = api.get("/no-such-page");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/ticket/not-a-number").status()).isEqualTo(404);
    }

    @Test
    void agentsCreateFollowCommentReassignAndCloseTicketsLiveInTheBrowser() throws Exception {
        assertThat(Files.isExecutable(CHROMIUM))
                .as("Chromium is needed at %s (apt-get install chromium; .ci/run installs it)", CHROMIUM).isTrue();
        Files.createDirectories(ARTIFACTS);
        Path log = ARTIFACTS.resolve("e2e.log");
        ProcessBuilder browserTest = new ProcessBuilder("node", "e2e/dashboard.e2e.mjs", "http://localhost:" + port,
                ARTIFACTS.toString())
                .directory(FRONTEND.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // logs in for real: through the one-time link a first start prints, and with an API token for its own calls
        browserTest.environment().put("E2E_LOGIN_URL",
                "http://localhost:" + port + "/login?code=" + tokens.issueLoginCode("admin", Role.ADMIN));
        browserTest.environment().put("E2E_TOKEN", tokens.createApiToken("e2e", Role.AGENT).secret());
        Process e2e = browserTest.start();
        boolean finished = e2e.waitFor(3, TimeUnit.MINUTES);
        if (!finished) {
            e2e.descendants().forEach(ProcessHandle::destroyForcibly);
            e2e.destroyForcibly();
        }
        String output = read(log);
        assertThat(finished).as("the browser test finished within 3 minutes:%n%s", output).isTrue();
        assertThat(e2e.exitValue()).as("browser test output:%n%s", output).isZero();
        assertThat(ARTIFACTS.resolve("board.png")).isNotEmptyFile();
        assertThat(ARTIFACTS.resolve("detail.png")).isNotEmptyFile();
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "(no output)";
    }
}
