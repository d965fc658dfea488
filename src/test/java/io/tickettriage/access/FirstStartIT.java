package io.tickettriage.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tickettriage.support.Api;
import io.tickettriage.support.AppProcess;

import org.junit.jupiter.api.Test;

/**
 * The first start as a new user lives it: the service, run as the README says, prints a one-time login link;
 * the {@code token} command of the same jar, on the same database, issues tokens the service accepts at once
 * and revokes them, leaving the service's knowledge as it was.
 */
class FirstStartIT {

    private static final Pattern LINK = Pattern.compile("http://localhost:(\\d+)(/login\\?code=tt_[A-Za-z0-9_-]+)");

    @Test
    void firstStartPrintsAOneTimeLoginLinkAndTheTokenCommandManagesTokens() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "first-start-");
        String database = "sqlite:///" + dir.resolve("tickets.db").toAbsolutePath();
        try (AppProcess app = AppProcess.start(dir, Map.of("DATABASE_URL", database,
                "TRIAGE_KNOWLEDGE_DIR", dir.resolve("knowledge").toString(), "TRIAGE_JOBS_WORKERS", "0"))) {
            Api api = app.api();
            Matcher link = await().atMost(Duration.ofSeconds(30)).until(() -> LINK.matcher(app.log()),
                    Matcher::find);
            assertThat(app.log()).contains("Access control: on");
            Path file = dir.resolve("tickets.db");
            await().atMost(Duration.ofSeconds(60)).until(() -> app.log().contains("Knowledge base ready"));
            long examples = examples(file);
            assertThat(examples).isPositive();

            HttpResponse<String> login = api.raw(api.request(link.group(2)).GET());
            assertThat(login.statusCode()).isEqualTo(302);
            assertThat(login.headers().allValues("Set-Cookie")).anyMatch(cookie -> cookie.startsWith("triage_session="));
            assertThat(api.raw(api.request(link.group(2)).GET()).headers().firstValue("Location"))
                    .hasValueSatisfying(location -> assertThat(location).endsWith("/login?error=link"));

            String created = run(database, "token", "create", "--role", "agent", "--name", "ci-bot");
            String token = created.lines().filter(line -> line.startsWith("tt_")).findFirst().orElseThrow();
            Api bot = api.withToken(token);
            assertThat(bot.get("/tickets").status()).isEqualTo(200);
            assertThat(app.log()).doesNotContain(token);

            String listed = run(database, "token", "list");
            assertThat(listed).contains("ci-bot").contains("agent").doesNotContain(token);
            String id = listed.lines().filter(line -> line.contains("ci-bot")).findFirst().orElseThrow()
                    .strip().split("\\s+")[0];

            assertThat(run(database, "token", "revoke", id)).contains("Revoked token " + id);
            // another process revoked it: this one notices within its few seconds of cached lookups
            await().atMost(Duration.ofSeconds(30)).until(() -> bot.get("/tickets").status() == 401);
            // the command loads no knowledge: it neither removes the starter examples nor rewrites the index
            assertThat(examples(file)).isEqualTo(examples);
            assertThat(app.log()).doesNotContain("removed since the last look");
        }
    }

    @Test
    void theTokenCommandRefusesAnUnknownRoleWithItsUsage() throws Exception {
        Process process = command("sqlite:///target/never-created.db", "token", "create", "--role", "boss").start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output).contains("unknown role 'boss'").contains("Usage:");
    }

    private static long examples(Path database) throws java.sql.SQLException {
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + database);
                java.sql.ResultSet count = connection.createStatement().executeQuery("SELECT count(*) FROM examples")) {
            return count.getLong(1);
        }
    }

    private static String run(String database, String... args) throws IOException, InterruptedException {
        Process process = command(database, args).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private static ProcessBuilder command(String database, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "io.tickettriage.TriageApplication"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DATABASE_URL", database);
        builder.environment().put("TRIAGE_KNOWLEDGE_DIR", "target/knowledge-token-" + java.util.UUID.randomUUID());
        return builder;
    }
}
