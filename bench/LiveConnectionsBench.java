// Anonymous sockets and greedy event streams against a running service: does it stay healthy, and does its
// memory come back?
//
//   java -jar target/ticket-triage.jar &        # or bench/live-connections.sh, which starts one and reports RSS
//   java bench/LiveConnectionsBench.java BASE_URL REQUESTER_TOKEN ADMIN_TOKEN [sockets] [streams] [wave] [pid]
//
// Opens `sockets` (default 2,000) anonymous Socket.IO WebSockets that never join a namespace and `streams`
// (default 2,000) GET /events attempts with one requester token, in waves of `wave` (default 250) opened at once
// and dropped after a second. A probe asks /actuator/health every 200 ms throughout. Before, after each wave and
// once everything has settled, it reads the heap in use, the live connections and the process's resident memory
// from /actuator/prometheus (the admin token) and /proc (the server's pid, optional). Prints the outcomes (opened, refused by status) and the samples.

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

public class LiveConnectionsBench {

    private static String serverPid;

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String requester = args[1];
        String admin = args[2];
        int sockets = args.length > 3 ? Integer.parseInt(args[3]) : 2000;
        int streams = args.length > 4 ? Integer.parseInt(args[4]) : 2000;
        int wave = args.length > 5 ? Integer.parseInt(args[5]) : 250;
        serverPid = args.length > 6 ? args[6] : null;

        HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor())
                .connectTimeout(Duration.ofSeconds(10)).build();
        List<Long> healthMillis = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger unhealthy = new AtomicInteger();
        AtomicBoolean probing = new AtomicBoolean(true);
        Thread probe = Thread.ofVirtual().start(() -> {
            while (probing.get()) {
                long start = System.nanoTime();
                try {
                    int status = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status != 200) {
                        unhealthy.incrementAndGet();
                    }
                } catch (Exception e) {
                    unhealthy.incrementAndGet();
                }
                healthMillis.add((System.nanoTime() - start) / 1_000_000);
                sleep(200);
            }
        });

        System.out.println("before:                " + sample(http, base, admin));
        Map<String, AtomicInteger> socketOutcomes = new TreeMap<>();
        for (int done = 0; done < sockets; done += wave) {
            socketWave(http, base, Math.min(wave, sockets - done), socketOutcomes);
            System.out.printf("after %,5d sockets:    %s%n", Math.min(done + wave, sockets), sample(http, base, admin));
        }
        Map<String, AtomicInteger> streamOutcomes = new TreeMap<>();
        for (int done = 0; done < streams; done += wave) {
            streamWave(http, base, requester, Math.min(wave, streams - done), streamOutcomes);
            System.out.printf("after %,5d streams:    %s%n", Math.min(done + wave, streams), sample(http, base, admin));
        }
        sleep(15_000);
        System.out.println("15 s after the last:   " + sample(http, base, admin));
        probing.set(false);
        probe.join();

        List<Long> sorted = new ArrayList<>(healthMillis);
        Collections.sort(sorted);
        System.out.println("socket handshakes:     " + socketOutcomes);
        System.out.println("event stream attempts: " + streamOutcomes);
        System.out.printf("health probes:         %d, not 200: %d, p50 %d ms, p99 %d ms, max %d ms%n", sorted.size(),
                unhealthy.get(), sorted.get(sorted.size() / 2), sorted.get((int) (sorted.size() * 0.99)),
                sorted.getLast());
    }

    /** Opens a wave of WebSockets that never join, holds them a second, drops them. */
    private static void socketWave(HttpClient http, String base, int count, Map<String, AtomicInteger> outcomes) {
        URI uri = URI.create(base.replaceFirst("^http", "ws") + "/socket.io/?EIO=4&transport=websocket");
        List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            opening.add(http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(uri, new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                            socket.request(1);
                            return null;
                        }
                    }));
        }
        List<WebSocket> open = new ArrayList<>();
        for (CompletableFuture<WebSocket> future : opening) {
            try {
                open.add(future.get(20, TimeUnit.SECONDS));
                count(outcomes, "opened");
            } catch (Exception e) {
                count(outcomes, e.getCause() instanceof WebSocketHandshakeException refused
                        ? "refused " + refused.getResponse().statusCode() : "failed");
            }
        }
        sleep(1000);
        open.forEach(WebSocket::abort);
    }

    /** A wave of GET /events with one requester token: held a second, then dropped. */
    private static void streamWave(HttpClient http, String base, String token, int count,
            Map<String, AtomicInteger> outcomes) {
        List<CompletableFuture<HttpResponse<java.io.InputStream>>> opening = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            opening.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/events"))
                    .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream")
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofInputStream()));
        }
        List<HttpResponse<java.io.InputStream>> open = new ArrayList<>();
        for (CompletableFuture<HttpResponse<java.io.InputStream>> future : opening) {
            try {
                HttpResponse<java.io.InputStream> response = future.get(30, TimeUnit.SECONDS);
                count(outcomes, String.valueOf(response.statusCode()));
                open.add(response);
            } catch (Exception e) {
                count(outcomes, "failed");
            }
        }
        sleep(1000);
        for (HttpResponse<java.io.InputStream> response : open) {
            try {
                response.body().close();
            } catch (Exception e) {
                // closed already
            }
        }
    }

    /** Heap in use, live connections and resident memory, from the service's own metrics. */
    private static String sample(HttpClient http, String base, String admin) {
        try {
            String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus"))
                    .header("Authorization", "Bearer " + admin).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            double heap = 0;
            double live = 0;
            Map<String, Double> clients = new TreeMap<>();
            for (String line : metrics.lines().toList()) {
                if (line.startsWith("jvm_memory_used_bytes") && line.contains("area=\"heap\"")) {
                    heap += value(line);
                } else if (line.startsWith("jvm_gc_live_data_size_bytes")) {
                    live = value(line);
                } else if (line.startsWith("triage_realtime_clients")) {
                    clients.put(line.replaceAll(".*transport=\"([^\"]+)\".*", "$1"), value(line));
                }
            }
            return String.format("heap in use %5.1f MB, live after last full GC %5.1f MB, RSS %s, live clients %s",
                    heap / 1e6, live / 1e6, rss(), clients);
        } catch (Exception e) {
            return "metrics unavailable: " + e;
        }
    }

    /** The server's resident memory, when it runs on this machine and its pid was given. */
    private static String rss() {
        if (serverPid == null) {
            return "n/a";
        }
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc", serverPid, "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return String.format("%5.1f MB", Long.parseLong(line.replaceAll("\\D", "")) / 1024.0);
                }
            }
        } catch (Exception e) {
            // not on Linux, or the server is gone
        }
        return "n/a";
    }

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    private static void count(Map<String, AtomicInteger> outcomes, String outcome) {
        synchronized (outcomes) {
            outcomes.computeIfAbsent(outcome, key -> new AtomicInteger()).incrementAndGet();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
