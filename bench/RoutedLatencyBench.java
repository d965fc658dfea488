// Submit-to-ticket_routed latency as a Socket.IO client sees it.
//
// Submits tickets over REST at a steady rate and times each one from the start of its POST until its
// ticket_routed event arrives on a Socket.IO (Engine.IO v4, WebSocket) connection. Needs only a JDK:
//
//   java -jar target/ticket-triage.jar &                      # the application, embedded mode
//   java bench/RoutedLatencyBench.java [base-url] [tickets-per-second] [seconds] [warm-up-seconds]
//
// Defaults: http://127.0.0.1:8000, 20 tickets/s, 60 s measured after 10 s of warm-up.
// Prints the p50/p90/p99/max latency, the POST latency for comparison, and the machine it ran on.

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class RoutedLatencyBench {

    private static final Pattern EVENT = Pattern.compile("^42\\[\"(\\w+)\",\\{(?:.*?,)?\"id\":(\\d+)");
    private static final Pattern CREATED_ID = Pattern.compile("^\\{\"id\":(\\d+)");
    private static final String[] TITLES = {
            "Laptop will not power on", "VPN drops every few minutes", "Excel crashes opening the report",
            "Clicked a link in a suspicious email", "Payslip is missing overtime hours", "Printer on floor 3 jammed",
            "Wi-Fi is very slow in the meeting rooms", "Need a licence for Visio", "Monitor flickers constantly",
            "Cannot log in after password change"};

    record Sent(long startNanos, long postNanos) {
    }

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:8000";
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        int warmUp = args.length > 3 ? Integer.parseInt(args[3]) : 10;

        HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        Map<Long, Long> routedAt = new ConcurrentHashMap<>();
        Map<Long, Long> createdAt = new ConcurrentHashMap<>();
        CountDownLatch connected = new CountDownLatch(1);
        String loadBefore = loadAverage();
        WebSocket socket = http.newWebSocketBuilder()
                .buildAsync(URI.create(base.replaceFirst("^http", "ws") + "/socket.io/?EIO=4&transport=websocket"),
                        new EngineIoListener(routedAt, createdAt, connected))
                .join();
        if (!connected.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no Socket.IO connection to " + base);
        }

        Map<Long, Sent> sent = new ConcurrentHashMap<>();
        AtomicInteger failures = new AtomicInteger();
        int total = rate * (warmUp + seconds);
        AtomicInteger submitted = new AtomicInteger();
        List<Long> measured = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        CountDownLatch allSubmitted = new CountDownLatch(total);
        ticker.scheduleAtFixedRate(() -> {
            int n = submitted.getAndIncrement();
            if (n >= total) {
                return;
            }
            Thread.ofVirtual().start(() -> {
                try {
                    String body = "{\"title\": \"" + TITLES[n % TITLES.length] + " (" + n + ")\", "
                            + "\"description\": \"Reported by the latency benchmark\"}";
                    long start = System.nanoTime();
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/tickets"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    long post = System.nanoTime() - start;
                    Matcher id = CREATED_ID.matcher(response.body());
                    if (response.statusCode() != 201 || !id.find()) {
                        failures.incrementAndGet();
                    } else {
                        long ticket = Long.parseLong(id.group(1));
                        sent.put(ticket, new Sent(start, post));
                        if (n >= rate * warmUp) {
                            measured.add(ticket);
                        }
                    }
                } catch (Exception e) {
                    failures.incrementAndGet();
                } finally {
                    allSubmitted.countDown();
                }
            });
        }, 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);

        allSubmitted.await();
        ticker.shutdownNow();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && !routedAt.keySet().containsAll(measured)) {
            Thread.sleep(50);
        }
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();

        List<Double> latencies = new ArrayList<>();
        List<Double> posts = new ArrayList<>();
        List<Double> creations = new ArrayList<>();
        int missing = 0;
        for (long ticket : measured) {
            Long routed = routedAt.get(ticket);
            Sent s = sent.get(ticket);
            posts.add(s.postNanos() / 1e6);
            Long created = createdAt.get(ticket);
            if (created != null) {
                creations.add((created - s.startNanos()) / 1e6);
            }
            if (routed == null) {
                missing++;
            } else {
                latencies.add((routed - s.startNanos()) / 1e6);
            }
        }
        Collections.sort(latencies);
        Collections.sort(posts);
        Collections.sort(creations);

        System.out.printf("Submit -> ticket_routed on a Socket.IO client (WebSocket), %d tickets/s for %d s "
                + "after %d s warm-up%n", rate, seconds, warmUp);
        System.out.printf("  measured %d tickets, %d without ticket_routed within 10 s, %d failed POSTs%n",
                measured.size(), missing, failures.get());
        System.out.printf("  ticket_routed latency ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n",
                pct(latencies, 50), pct(latencies, 90), pct(latencies, 99), pct(latencies, 100));
        System.out.printf("  for comparison, ms: POST /tickets answered p50 %.1f  p99 %.1f; "
                + "ticket_created received p50 %.1f  p99 %.1f%n", pct(posts, 50), pct(posts, 99),
                pct(creations, 50), pct(creations, 99));
        System.out.printf("  targets: p50 < 30 ms, p99 < 100 ms -> %s%n",
                pct(latencies, 50) < 30 && pct(latencies, 99) < 100 && missing == 0 ? "met" : "NOT met");
        System.out.printf("  machine: %s, %d cores, %s %s, Java %s%n", cpu(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.arch"), System.getProperty("java.version"));
        System.out.printf("  load average before: %s, after: %s%n", loadBefore, loadAverage());
        System.exit(0);
    }

    /** Engine.IO v4 and Socket.IO v5 framing, just enough to join the default namespace and read events. */
    static final class EngineIoListener implements WebSocket.Listener {

        private final Map<Long, Long> routedAt;
        private final Map<Long, Long> createdAt;
        private final CountDownLatch connected;
        private final StringBuilder partial = new StringBuilder();

        EngineIoListener(Map<Long, Long> routedAt, Map<Long, Long> createdAt, CountDownLatch connected) {
            this.routedAt = routedAt;
            this.createdAt = createdAt;
            this.connected = connected;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            long now = System.nanoTime();
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                if (message.startsWith("0")) {
                    socket.sendText("40", true);                    // open -> join namespace "/"
                } else if (message.startsWith("40")) {
                    connected.countDown();
                } else if (message.equals("2")) {
                    socket.sendText("3", true);                     // ping -> pong
                } else {
                    Matcher event = EVENT.matcher(message);
                    if (event.find()) {
                        long id = Long.parseLong(event.group(2));
                        switch (event.group(1)) {
                            case "ticket_routed" -> routedAt.put(id, now);
                            case "ticket_created" -> createdAt.put(id, now);
                            default -> { }
                        }
                    }
                }
            }
            socket.request(1);
            return CompletableFuture.completedFuture(null);
        }
    }

    private static double pct(List<Double> sorted, int percentile) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static String cpu() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst().orElse("unknown CPU");
        } catch (Exception e) {
            return "unknown CPU";
        }
    }
}
