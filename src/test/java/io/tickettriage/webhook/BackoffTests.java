package io.tickettriage.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

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
    void honoursRetryAfterWithinTheCap() {
        Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofHours(1), () -> 0.0);

        assertThat(backoff.after(1, Duration.ofMinutes(5))).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.after(1, Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.after(1, Duration.ofDays(3))).isEqualTo(Duration.ofHours(1));
    }
}
