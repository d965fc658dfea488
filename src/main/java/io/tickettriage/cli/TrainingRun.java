package io.tickettriage.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import io.tickettriage.access.AccessTokens;
import io.tickettriage.access.Role;
import io.tickettriage.system.AheadOfTimeStart;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code training-run}: the launcher runs it once after each build with {@code -XX:AOTCacheOutput} (JDK 25+) or
 * {@code -XX:ArchiveClassesAtExit} (JDK 21-24), so that the JVM records the classes a real start loads and links
 * and the methods it runs hot. It starts the whole service on a free port with a throw-away database, sends what
 * a first day sends over HTTP (tickets created, routed, read, explained, commented, closed; a bad request), and
 * stops. Nothing of the user's database, knowledge folder or LLM endpoint is touched.
 */
@Command(name = TrainingRun.NAME, hidden = true, mixinStandardHelpOptions = true,
        description = "Start the service on a throw-away database, route a few tickets and stop (for the launcher's "
                + "start-up cache).")
final class TrainingRun implements Callable<Integer> {

    static final String NAME = "training-run";
    private static final Duration DEADLINE = Duration.ofMinutes(3);
    private static final int BURST = 400;
    private static final int BURST_CLIENTS = 8;
    private static final List<String> TICKETS = List.of(
            "Laptop screen flickers after docking", "VPN drops every five minutes from home",
            "Cannot log in to the payroll application", "Printer on floor 3 jams on every page",
            "Outlook keeps asking for my password", "Need a license for the design software",
            "Wi-Fi in meeting room B is very slow", "Keyboard keys stopped working after a spill",
            "Access request for the finance shared drive", "Database backup job failed overnight",
            "Phishing e-mail received asking for credentials", "New starter needs an account on Monday");

    private final Class<?> application;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    TrainingRun(Class<?> application, PrintStream out) {
        this.application = application;
        this.out = out;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("ticket-triage-training");
        try {
            // Started as the service starts (from the build's bean definitions), so the cache holds what a start loads.
            SpringApplication service = new SpringApplication(application);
            AheadOfTimeStart.offerTo(service, application);
            // Command-line arguments win over the environment, so the user's settings cannot leak in.
            ConfigurableApplicationContext context = service.run(
                    "--DATABASE_URL=sqlite:///" + work.resolve("training.db").toAbsolutePath(),
                    "--server.port=0", "--triage.role=all", "--triage.auth=token", "--triage.redis.url=",
                    "--triage.knowledge.dir=" + work.resolve("knowledge"),
                    "--triage.knowledge.index.dir=" + work.resolve("index"),
                    "--triage.llm.mode=off", "--triage.llm.api-key=", "--triage.rate-limit-per-minute=0");
            try (context) {
                String port = context.getEnvironment().getProperty("local.server.port");
                String token = context.getBean(AccessTokens.class).createApiToken("training-run", Role.ADMIN).secret();
                int routed = exercise("http://127.0.0.1:" + port, token);
                out.println("training run: " + routed + " tickets routed");
                return routed == TICKETS.size() ? 0 : 1;
            }
        } finally {
            deleteRecursively(work);
        }
    }

    private int exercise(String base, String token) throws IOException, InterruptedException {
        send(base, token, "GET", "/actuator/health", null);
        send(base, token, "GET", "/", null);
        List<Long> ids = new ArrayList<>();
        for (String title : TICKETS) {
            String body = json.writeValueAsString(java.util.Map.of("title", title, "description",
                    title + ". It started this morning; please help."));
            ids.add(json.readTree(send(base, token, "POST", "/tickets", body)).path("id").asLong());
        }
        send(base, token, "POST", "/tickets", "{\"title\": ");          // malformed: a 400 problem document
        send(base, token, "POST", "/triage", "{\"title\": \"Monitor stays black\"}");
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        int routed = 0;
        for (long id : ids) {
            while (!"routed".equals(json.readTree(send(base, token, "GET", "/tickets/" + id, null))
                    .path("status").asString()) && System.nanoTime() < deadline) {
                Thread.sleep(50); // polling another process's asynchronous work over HTTP, as a client does
            }
            routed += System.nanoTime() < deadline ? 1 : 0;
        }
        long first = ids.getFirst();
        send(base, token, "GET", "/tickets/" + first + "/explanation", null);
        send(base, token, "POST", "/tickets/" + first + "/comments", "{\"text\": \"Swapped the cable\"}");
        send(base, token, "PATCH", "/tickets/" + first + "/status", "{\"status\": \"closed\"}");
        for (String path : List.of("/tickets?limit=20", "/teams", "/insights", "/incidents", "/openapi.json")) {
            send(base, token, "GET", path, null);
        }
        burst(base, token);
        return routed;
    }

    /**
     * A short burst of creations from several clients at once, so that the JVM records how the intake path runs
     * when it is hot (JDK 25 keeps these method profiles in the cache, and a fresh server compiles that path early
     * instead of after its first seconds of load). Their routing is not awaited: the database is thrown away.
     */
    private void burst(String base, String token) throws InterruptedException {
        try (var clients = java.util.concurrent.Executors.newFixedThreadPool(BURST_CLIENTS)) {
            for (int client = 0; client < BURST_CLIENTS; client++) {
                int first = client;
                clients.submit(() -> {
                    for (int i = first; i < BURST; i += BURST_CLIENTS) {
                        String title = TICKETS.get(i % TICKETS.size()) + " (" + i + ")";
                        send(base, token, "POST", "/tickets", json.writeValueAsString(java.util.Map.of("title", title)));
                    }
                    return null;
                });
            }
        }
    }

    private String send(String base, String token, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
