package io.tickettriage.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** When the service-level check wakes up next: at the earliest moment due, within one interval. */
class PeriodicChecksTests {

    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    private static final Duration INTERVAL = Duration.ofSeconds(30);

    @Test
    void wakesAtTheNextMomentWhenItComesBeforeTheNextRegularCheck() {
        assertThat(PeriodicChecks.delayUntil(Optional.of(NOW.plusMillis(12_345)), NOW, INTERVAL))
                .isEqualTo(Duration.ofMillis(12_345));
    }

    @Test
    void wakesAfterOneIntervalWhenNothingIsDueSoonerOrAtAll() {
        assertThat(PeriodicChecks.delayUntil(Optional.of(NOW.plus(Duration.ofHours(3))), NOW, INTERVAL))
                .isEqualTo(INTERVAL);
        assertThat(PeriodicChecks.delayUntil(Optional.empty(), NOW, INTERVAL)).isEqualTo(INTERVAL);
    }

    @Test
    void aMomentJustAheadIsWaitedForToTheMillisecondRoundedUpNeverEarly() {
        assertThat(PeriodicChecks.delayUntil(Optional.of(NOW.plusMillis(3)), NOW, INTERVAL))
                .isEqualTo(Duration.ofMillis(3));
        assertThat(PeriodicChecks.delayUntil(Optional.of(NOW.plusMillis(3)), NOW.plusNanos(200_000), INTERVAL))
                .isEqualTo(Duration.ofMillis(3));
    }

    @Test
    void aMomentAlreadyPassedIsCheckedAfterTheShortestPauseNotInABusyLoop() {
        assertThat(PeriodicChecks.delayUntil(Optional.of(NOW.minusSeconds(5)), NOW, INTERVAL))
                .isEqualTo(PeriodicChecks.MIN_DELAY);
        assertThat(PeriodicChecks.delayUntil(Optional.of(NOW), NOW, INTERVAL)).isEqualTo(PeriodicChecks.MIN_DELAY);
    }
}
