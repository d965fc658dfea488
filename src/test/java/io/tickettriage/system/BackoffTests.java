package io.tickettriage.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class BackoffTests {

    @Test
    void doublesFromTheFirstWaitWithinTheUpperHalfUpToTheCap() {
        Backoff lowest = new Backoff(Duration.ofSeconds(10), Duration.ofHours(1), () -> 0.0);
        Backoff highest = new Backoff(Duration.ofSeconds(10), Duration.ofHours(1), () -> 0.999_999);

        assertThat(lowest.after(1, null)).isEqualTo(Duration.ofSeconds(5));
        assertThat(highest.after(1, null)).isBetween(Duration.ofMillis(9_999), Duration.ofSeconds(10));
        assertThat(lowest.after(2, null)).isEqualTo(Duration.ofSeconds(10));
        assertThat(lowest.after(4, null)).isEqualTo(Duration.ofSeconds(40));
        assertThat(highest.after(12, null)).isBetween(Duration.ofMinutes(59), Duration.ofHours(1));
        assertThat(lowest.after(1_000, null)).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void drawsEachWaitAtRandomSoThatCallsThatFailedTogetherDoNotReturnTogether() {
        Random random = new Random(1);
        Backoff backoff = new Backoff(Duration.ofMillis(400), Duration.ofSeconds(30), random::nextDouble);
        Set<Duration> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            Duration first = backoff.after(1, null);
            assertThat(first).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
            assertThat(backoff.after(3, null)).isBetween(Duration.ofMillis(800), Duration.ofMillis(1600));
            seen.add(first);
        }
        assertThat(seen).as("jittered, not a fixed wait").hasSizeGreaterThan(10);
        assertThat(backoff.after(40, null)).isLessThanOrEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void honoursRetryAfterWithinTheCap() {
        Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofHours(1), () -> 0.0);

        assertThat(backoff.after(1, Duration.ofMinutes(5))).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.after(1, Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.after(1, Duration.ofDays(3))).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void readsRetryAfterInSecondsAsAnHttpDateAndOpenAisMilliseconds() {
        Instant now = Instant.parse("2026-11-24T10:00:00Z");

        assertThat(Backoff.retryAfter(headers(Map.of("Retry-After", "3")), now)).contains(Duration.ofSeconds(3));
        assertThat(Backoff.retryAfter(headers(Map.of("Retry-After", "Tue, 24 Nov 2026 10:00:07 GMT")), now))
                .contains(Duration.ofSeconds(7));
        assertThat(Backoff.retryAfter(headers(Map.of("retry-after-ms", "1250", "Retry-After", "2")), now))
                .contains(Duration.ofMillis(1250));
        assertThat(Backoff.retryAfter(headers(Map.of("Retry-After", "soon")), now)).isEmpty();
        assertThat(Backoff.retryAfter(headers(Map.of()), now)).isEmpty();
        assertThat(Backoff.retryAfter("-5", now)).isNull();
        assertThat(Backoff.retryAfter("Tue, 24 Nov 2026 09:00:00 GMT", now)).isEqualTo(Duration.ZERO);
        assertThat(Backoff.retryAfter("  ", now)).isNull();
    }

    private static HttpHeaders headers(Map<String, String> values) {
        Map<String, List<String>> multi = new HashMap<>();
        values.forEach((name, value) -> multi.put(name, List.of(value)));
        return HttpHeaders.of(multi, (name, value) -> true);
    }
}
