package io.tickettriage.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class BackoffTests {

    final Backoff backoff = new Backoff(Duration.ofMillis(400), new Random(1));

    @Test
    void doublesEachTimeWithJitterBetweenHalfAndAllOfTheStep() {
        Set<Duration> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            Duration first = backoff.delay(1);
            Duration third = backoff.delay(3);
            assertThat(first).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
            assertThat(third).isBetween(Duration.ofMillis(800), Duration.ofMillis(1600));
            seen.add(first);
        }
        assertThat(seen).as("jittered, not a fixed wait").hasSizeGreaterThan(10);
    }

    @Test
    void neverWaitsMoreThanHalfAMinute() {
        assertThat(backoff.delay(40)).isLessThanOrEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void readsRetryAfterInSecondsAsAnHttpDateAndOpenAisMilliseconds() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);

        assertThat(Backoff.retryAfter(headers(Map.of("Retry-After", "3")), clock)).contains(Duration.ofSeconds(3));
        assertThat(Backoff.retryAfter(headers(Map.of("Retry-After", "Tue, 24 Nov 2026 10:00:07 GMT")), clock))
                .contains(Duration.ofSeconds(7));
        assertThat(Backoff.retryAfter(headers(Map.of("retry-after-ms", "1250", "Retry-After", "2")), clock))
                .contains(Duration.ofMillis(1250));
        assertThat(Backoff.retryAfter(headers(Map.of("Retry-After", "soon")), clock)).isEmpty();
        assertThat(Backoff.retryAfter(headers(Map.of()), clock)).isEmpty();
    }

    private static HttpHeaders headers(Map<String, String> values) {
        Map<String, List<String>> multi = new java.util.HashMap<>();
        values.forEach((name, value) -> multi.put(name, List.of(value)));
        return HttpHeaders.of(multi, (name, value) -> true);
    }
}
