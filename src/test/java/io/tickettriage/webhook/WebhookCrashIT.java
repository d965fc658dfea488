package io.tickettriage.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.tickettriage.support.Api;
import io.tickettriage.support.AppProcess;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills the application's JVM with deliveries waiting and in flight, and proves each is delivered after a restart. */
class WebhookCrashIT {

    @TempDir
    Path dir;

    @Test
    void deliveriesPendingOrInFlightWhenTheJvmDiesAreAllDeliveredAfterARestart() {
        Map<String, String> env = new HashMap<>(Map.of("TRIAGE_AUTH", "none",
                "DATABASE_URL", "sqlite:///" + dir.resolve("tickets.db"),
                "TRIAGE_KNOWLEDGE_DIR", dir.resolve("none").toString(),
                "TRIAGE_WEBHOOKS_ALLOW_PRIVATE", "true", "TRIAGE_WEBHOOKS_REQUEST_TIMEOUT", "60s",
                "TRIAGE_WEBHOOKS_RETRY_INITIAL", "100ms", "TRIAGE_WEBHOOKS_POLL_INTERVAL", "100ms"));
        Set<String> recorded;
        // The receiver takes requests and never answers: 4 deliveries are in flight, the rest wait.
        try (Receiver hanging = Receiver.start(0, n -> Receiver.HANG)) {
            int port = hanging.port();
            long webhookId;
            try (AppProcess app = AppProcess.start(dir, env)) {
                Api api = app.api();
                webhookId = api.post("/webhooks", Api.json(Map.of("url", hanging.url(), "events",
                        List.of("ticket_created")))).json().get("id").asLong();
                for (int i = 0; i < 20; i++) {
                    assertThat(api.post("/tickets", Api.json(Map.of("title", "Laptop will not boot #" + i))).status())
                            .isEqualTo(201);
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> hanging.hanging() == 4);
                recorded = api.get("/webhooks/" + webhookId + "/deliveries").json().valueStream()
                        .map(d -> d.get("id").asString()).collect(Collectors.toSet());
                assertThat(recorded).hasSize(20);
                app.kill();
            }
            hanging.close();

            try (Receiver receiver = Receiver.start(port, n -> 200); AppProcess app = AppProcess.start(dir, env)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> receiver.requests().stream()
                        .map(Receiver.Request::deliveryId).collect(Collectors.toSet()).equals(recorded));
                long id = webhookId;
                await().atMost(Duration.ofSeconds(10)).until(() -> app.api().get("/webhooks/" + id + "/deliveries")
                        .json().valueStream().allMatch(d -> d.get("state").asString().equals("delivered")));
                assertThat(app.log()).contains("Resuming 4 webhook delivery(ies) left in flight by the previous run");
            }
        }
    }
}
