// Outbound webhooks against a fast receiver on loopback. Needs only a JDK and a running server that allows private
// webhook targets (TRIAGE_WEBHOOKS_ALLOW_PRIVATE=true) and no auth (TRIAGE_AUTH=none); bench/webhooks.sh sets it up.
//
//   java bench/WebhookBench.java throughput [base-url] [subscriptions] [tickets]
//       subscribes N receivers to ticket_created, posts the tickets (16 at a time), and times the deliveries:
//       deliveries per second from the first delivery to the last, and each delivery's lag from its event
//   java bench/WebhookBench.java hold [base-url] [subscriptions] [seconds]
//       subscribes N receivers to every event (*) and keeps them answering for the given time (while
//       RoutedLatencyBench measures submit-to-routed), then prints what they received
//
// Every request's signature is checked against the subscription's secret; the subscriptions are deleted at the end.

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;

public class WebhookBench {

    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");
    private static final Pattern SECRET = Pattern.compile("\"secret\":\"([^\"]+)\"");
    private static final Pattern OCCURRED = Pattern.compile("\"occurred_at\":\"([^\"]+)\"");

    static final HttpClient HTTP = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();

    /** One receiver path per subscription, so that deliveries can be told apart and their signatures checked. */
    record Received(Set<String> ids, List<Long> lagMillis, AtomicInteger badSignatures) {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "throughput";
        String base = args.length > 1 ? args[1] : "http://127.0.0.1:8000";
        int subscriptions = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int amount = args.length > 3 ? Integer.parseInt(args[3]) : (mode.equals("hold") ? 90 : 1000);

        Map<Integer, String> secrets = new ConcurrentHashMap<>();
        Map<Integer, Received> received = new ConcurrentHashMap<>();
        AtomicLong firstArrival = new AtomicLong();
        AtomicLong lastArrival = new AtomicLong();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/", exchange -> {
            long now = System.nanoTime();
            int hook = Integer.parseInt(exchange.getRequestURI().getPath().substring(1));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String timestamp = exchange.getRequestHeaders().getFirst("X-Triage-Timestamp");
            Received into = received.get(hook);
            String secret = secrets.get(hook);
            if (into != null && secret != null) {
                if (!sign(secret, timestamp + "." + body).equals(exchange.getRequestHeaders()
                        .getFirst("X-Triage-Signature"))) {
                    into.badSignatures().incrementAndGet();
                }
                into.ids().add(exchange.getRequestHeaders().getFirst("X-Triage-Delivery"));
                Matcher occurred = OCCURRED.matcher(body);
                if (occurred.find()) {
                    into.lagMillis().add(Duration.between(Instant.parse(occurred.group(1)), Instant.now()).toMillis());
                }
                firstArrival.compareAndSet(0, now);
                lastArrival.set(now);
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String loadBefore = loadAverage();
        List<Long> hooks = new ArrayList<>();
        try {
            for (int i = 0; i < subscriptions; i++) {
                received.put(i, new Received(ConcurrentHashMap.newKeySet(), Collections.synchronizedList(
                        new ArrayList<>()), new AtomicInteger()));
                String events = mode.equals("hold") ? "[\"*\"]" : "[\"ticket_created\"]";
                String answer = post(base + "/webhooks", "{\"url\":\"http://127.0.0.1:" + receiver.getAddress()
                        .getPort() + "/" + i + "\",\"events\":" + events + "}");
                Matcher id = ID.matcher(answer);
                Matcher secret = SECRET.matcher(answer);
                if (!id.find() || !secret.find()) {
                    throw new IllegalStateException("could not subscribe: " + answer);
                }
                hooks.add(Long.parseLong(id.group(1)));
                secrets.put(i, secret.group(1));
            }
            if (mode.equals("hold")) {
                hold(amount, received);
            } else {
                throughput(base, amount, subscriptions, received, firstArrival, lastArrival);
            }
        } finally {
            for (long hook : hooks) {
                HTTP.send(HttpRequest.newBuilder(URI.create(base + "/webhooks/" + hook)).DELETE().build(),
                        HttpResponse.BodyHandlers.discarding());
            }
            receiver.stop(0);
        }
        System.out.printf("  machine: %s, %d cores, Java %s%n", cpu(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        System.out.printf("  load average before: %s, after: %s%n", loadBefore, loadAverage());
    }

    private static void hold(int seconds, Map<Integer, Received> received) throws InterruptedException {
        System.out.printf("Holding %d subscriptions to * for %d s%n", received.size(), seconds);
        Thread.sleep(Duration.ofSeconds(seconds));
        report(received);
    }

    private static void throughput(String base, int tickets, int subscriptions, Map<Integer, Received> received,
            AtomicLong firstArrival, AtomicLong lastArrival) throws Exception {
        System.out.printf("Posting %d tickets to %d subscriptions to ticket_created%n", tickets, subscriptions);
        Semaphore inFlight = new Semaphore(16);
        AtomicInteger failed = new AtomicInteger();
        long started = System.nanoTime();
        try (var posts = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < tickets; i++) {
                inFlight.acquire();
                int n = i;
                posts.execute(() -> {
                    try {
                        post(base + "/tickets", "{\"title\":\"Webhook bench ticket " + n + "\",\"description\":"
                                + "\"Laptop will not connect to the docking station after the update.\"}");
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        long posted = System.nanoTime();
        long expected = (long) tickets * subscriptions;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (total(received) < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        long count = total(received);
        double seconds = (lastArrival.get() - firstArrival.get()) / 1e9;
        System.out.printf("  tickets posted: %d in %.1f s (%d failed)%n", tickets, (posted - started) / 1e9,
                failed.get());
        System.out.printf("  deliveries: %d of %d in %.2f s from first to last: %.0f deliveries/s%n", count,
                expected, seconds, count / seconds);
        System.out.printf("  last delivery %.2f s after the last ticket was posted%n",
                (lastArrival.get() - posted) / 1e9);
        report(received);
    }

    private static void report(Map<Integer, Received> received) {
        List<Long> lags = new ArrayList<>();
        int bad = 0;
        for (Received into : received.values()) {
            lags.addAll(into.lagMillis());
            bad += into.badSignatures().get();
        }
        Collections.sort(lags);
        System.out.printf("  received %d distinct deliveries (%s per subscription), %d bad signatures%n",
                received.values().stream().mapToInt(r -> r.ids().size()).sum(),
                received.values().stream().map(r -> String.valueOf(r.ids().size())).toList(), bad);
        if (!lags.isEmpty()) {
            System.out.printf("  event to delivery (occurred_at to arrival, ms): p50 %d, p90 %d, p99 %d, max %d%n",
                    pct(lags, 0.5), pct(lags, 0.9), pct(lags, 0.99), lags.getLast());
        }
    }

    private static long total(Map<Integer, Received> received) {
        return received.values().stream().mapToLong(r -> r.ids().size()).sum();
    }

    private static long pct(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static String post(String url, String json) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String sign(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
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
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst().orElse("unknown");
        } catch (Exception e) {
            return "unknown";
        }
    }
}
