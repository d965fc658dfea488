package io.tickettriage.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * Sends one delivery: the envelope {@code {"event", "delivery_id", "occurred_at", "data"}} as a signed POST, with short
 * timeouts, no redirects, and no more of the receiver's answer read than its status line and headers.
 */
final class DeliverySender {

    static final String USER_AGENT = "TicketTriage-Webhooks/1";

    private final Duration connectTimeout;
    private volatile HttpClient http;
    private final TargetGuard guard;
    private final Duration requestTimeout;
    private final Clock clock;

    DeliverySender(TargetGuard guard, Duration connectTimeout, Duration requestTimeout, Clock clock) {
        this.connectTimeout = connectTimeout;
        this.guard = guard;
        this.requestTimeout = requestTimeout;
        this.clock = clock;
    }

    /**
     * Made at the first delivery, not at start: building an HTTP client sets up TLS (the JDK's certificates), half a
     * second of a start on a small machine, which a service without webhooks would pay for nothing.
     */
    private HttpClient client() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                client = http;
                if (client == null) {
                    client = HttpClient.newBuilder()
                            .connectTimeout(connectTimeout)
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .version(HttpClient.Version.HTTP_1_1)
                            .build();
                    http = client;
                }
            }
        }
        return client;
    }

    static String envelope(DeliveryStore.Claimed delivery) {
        // every part but the data is a fixed name, a UUID or an ISO instant: nothing to escape
        return "{\"event\":\"" + delivery.event() + "\",\"delivery_id\":\"" + delivery.deliveryId()
                + "\",\"occurred_at\":\"" + delivery.occurredAt() + "\",\"data\":" + delivery.payload() + "}";
    }

    Attempt send(String url, String secret, DeliveryStore.Claimed delivery) throws InterruptedException {
        URI uri;
        try {
            uri = guard.parse(url);
            guard.checkAddress(uri);
        } catch (TargetGuard.Refused e) {
            return Attempt.fail(e.getMessage());
        } catch (TargetGuard.Unresolved e) {
            return Attempt.retry(e.getMessage());
        }
        String body = envelope(delivery);
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .header("X-Triage-Event", delivery.event())
                .header("X-Triage-Delivery", delivery.deliveryId())
                .header("X-Triage-Timestamp", Long.toString(timestamp))
                .header("X-Triage-Signature", Signature.sign(secret, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<InputStream> response = client().send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream unread = response.body()) {
                // the status is what counts: closing without reading means a receiver that trickles its body
                // cannot hold a sender past the timeout
            } catch (IOException ignored) {
                // the answer is known already
            }
            return Attempt.answered(response.statusCode(),
                    response.headers().firstValue("Retry-After").orElse(null), clock.instant());
        } catch (HttpConnectTimeoutException e) {
            return Attempt.retry("connection timed out");
        } catch (HttpTimeoutException e) {
            return Attempt.retry("no answer within " + requestTimeout.toMillis() + " ms");
        } catch (ConnectException e) {
            return Attempt.retry("connection refused or unreachable");
        } catch (IOException e) {
            return Attempt.retry("connection failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }
}
