import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.tickettriage.support.AppProcess;
import io.tickettriage.support.TestDatabases;
import io.tickettriage.system.DatabaseUrl;

import redis.embedded.RedisServer;

/**
 * Routed tickets per second in the scale-out mode, with 1 and then 2 worker processes: one API process, an
 * embedded PostgreSQL server and an embedded Redis server, all on loopback. For each worker count, on a fresh
 * database: start the API and the workers, warm them up on 200 tickets, pause the workers (SIGSTOP), create
 * TICKETS tickets through the API as fast as 8 client threads can (a backlog in the stream), resume the workers
 * (SIGCONT) and time how fast they drain it, from the first routed ticket to the last (the database polled every
 * 20 ms). Bounded: each run gives up after 180 s.
 *
 * <p>Run with bench/scale-out.sh, which builds the classpath (main and test classes) and launches this file.
 */
public class ScaleOutBench {

    private static final int TICKETS = Integer.getInteger("tickets", 1000);
    private static final int WARM_UP = 200;
    private static final long LIMIT_MS = 180_000;
    private static final String[] SUBJECTS = {
        "Laptop screen flickers after docking", "VPN drops every few minutes", "Clicked a suspicious link",
        "Excel crashes when opening a large file", "Question about parental leave", "Printer on floor 3 jams",
        "Cannot connect to the office Wi-Fi", "Password reset for the payroll system", "Outlook will not sync",
        "Keyboard does not respond to some keys", "Phishing email impersonating a director", "Expense report rejected",
    };

    public static void main(String[] args) throws Exception {
        Path work = Path.of("target", "scale-out-bench-" + System.currentTimeMillis()).toAbsolutePath();
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        RedisServer redis = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                .setting("save \"\"").setting("appendonly no").build();
        redis.start();
        System.out.printf(Locale.ROOT, "machine: %d cores, %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        System.out.printf(Locale.ROOT, "%d tickets per run, 1 API process, workers with 2 threads each%n", TICKETS);
        try {
            for (int workers : new int[] {1, 2}) {
                run(work.resolve("workers-" + workers), "redis://127.0.0.1:" + port, workers);
                redis.stop();
                redis = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                        .setting("save \"\"").setting("appendonly no").build();
                redis.start();
            }
        } finally {
            redis.stop();
        }
        System.exit(0);
    }

    private static void run(Path work, String redisUrl, int workerCount) throws Exception {
        String database = TestDatabases.postgresUrl();
        List<AppProcess> processes = new ArrayList<>();
        try {
            AppProcess api = AppProcess.start(work.resolve("api"), environment(database, redisUrl, "api", work));
            processes.add(api);
            awaitKnowledge(api.port());

            try (ExecutorService starting = Executors.newFixedThreadPool(workerCount)) {
                List<Future<AppProcess>> started = new ArrayList<>();
                for (int i = 0; i < workerCount; i++) {
                    Path dir = work.resolve("worker-" + i);
                    started.add(starting.submit(() -> AppProcess.start(dir,
                            environment(database, redisUrl, "worker", work))));
                }
                for (Future<AppProcess> worker : started) {
                    processes.add(worker.get());
                }
            }
            List<AppProcess> workers = processes.subList(1, processes.size());

            // 1. Warm-up: every JVM compiles its hot paths on WARM_UP tickets routed the normal way.
            submit(api.port(), 0, WARM_UP);
            awaitRouted(database, WARM_UP);

            // 2. Intake with the workers paused (SIGSTOP): the jobs wait in the stream, a backlog of TICKETS.
            workers.forEach(worker -> signal("STOP", worker));
            long start = System.nanoTime();
            submit(api.port(), WARM_UP, TICKETS);
            double intakeSeconds = (System.nanoTime() - start) / 1e9;

            // 3. The workers resume together and drain it: routing capacity, free of intake's CPU.
            workers.forEach(worker -> signal("CONT", worker));
            long first = 0;
            long routedAtFirst = 0;
            long routed = 0;
            long deadline = System.nanoTime() + LIMIT_MS * 1_000_000;
            while (routed < TICKETS && System.nanoTime() < deadline) {
                routed = count(database, "SELECT COUNT(*) FROM tickets WHERE status <> 'pending'") - WARM_UP;
                if (first == 0 && routed > 0) {
                    first = System.nanoTime();
                    routedAtFirst = routed;
                }
                Thread.sleep(20);
            }
            double drainSeconds = (System.nanoTime() - first) / 1e9;
            System.out.printf(Locale.ROOT, "%d worker process(es): intake %d tickets in %.1f s (%.0f/s, workers "
                    + "paused); backlog drained: %d/%d routed, %.1f tickets/s over %.1f s%n", workerCount, TICKETS,
                    intakeSeconds, TICKETS / intakeSeconds, routed, TICKETS, (routed - routedAtFirst) / drainSeconds,
                    drainSeconds);
        } finally {
            processes.forEach(AppProcess::close);
        }
    }

    private static void signal(String signal, AppProcess process) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitRouted(String database, long tickets) throws Exception {
        long deadline = System.nanoTime() + LIMIT_MS * 1_000_000;
        while (count(database, "SELECT COUNT(*) FROM tickets WHERE status <> 'pending'") < tickets) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("warm-up tickets not routed in time");
            }
            Thread.sleep(100);
        }
    }

    private static void submit(int port, int from, int count) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Random random = new Random(42);
        List<Future<Integer>> created = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
            for (int i = from; i < from + count; i++) {
                String body = "{\"title\":\"" + SUBJECTS[random.nextInt(SUBJECTS.length)] + " REF-" + i
                        + "\",\"description\":\"Reported by user " + random.nextInt(10_000) + "\"}";
                created.add(clients.submit(() -> http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/tickets"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode()));
            }
            for (Future<Integer> status : created) {
                if (status.get() != 201) {
                    throw new IllegalStateException("POST /tickets answered " + status.get());
                }
            }
        }
    }

    private static Map<String, String> environment(String database, String redis, String role, Path work) {
        Map<String, String> environment = new HashMap<>();
        environment.put("DATABASE_URL", database);
        environment.put("REDIS_URL", redis);
        environment.put("TRIAGE_ROLE", role);
        environment.put("TRIAGE_AUTH", "none");
        environment.put("TRIAGE_RATE_LIMIT_PER_MINUTE", "0");
        environment.put("TRIAGE_KNOWLEDGE_DIR", work.resolve("knowledge").toString());
        environment.put("ORT_DISABLE_TELEMETRY", "1");
        return environment;
    }

    private static void awaitKnowledge(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            String teams = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/teams")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            if (teams.split("\"ready\":true", -1).length > 5) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the knowledge base did not load");
    }

    private static long count(String databaseUrl, String sql) throws Exception {
        DatabaseUrl url = DatabaseUrl.parse(databaseUrl);
        try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), url.username(), url.password());
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
