package io.tickettriage.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class IntakePacingTests {

    private long now = TimeUnit.SECONDS.toNanos(1_000);
    private final IntakePacing pacing = new IntakePacing(100, 0.25, () -> now);

    @Test
    void workersNeverRestWithoutAFlood() {
        arrive(99);
        assertThat(pacing.flooding()).isFalse();
        assertThat(pacing.restNanos(4_000_000)).isZero();
    }

    @Test
    void duringAFloodRoutingKeepsItsShareOfAWorkersTime() {
        arrive(100);
        assertThat(pacing.flooding()).isTrue();
        // a job of 4 ms is followed by 12 ms of rest: routing keeps a quarter of the worker's time
        assertThat(pacing.restNanos(4_000_000)).isEqualTo(12_000_000);
    }

    @Test
    void theFloodOfTheLastSecondStillCountsUntilAQuietSecondHasPassed() {
        arrive(150);
        now += TimeUnit.MILLISECONDS.toNanos(1_000);
        arrive(1);
        assertThat(pacing.flooding()).as("the previous second was a flood").isTrue();

        now += TimeUnit.MILLISECONDS.toNanos(1_000);
        arrive(1);
        assertThat(pacing.flooding()).as("one quiet second ends it").isFalse();
    }

    @Test
    void aFloodEndsWhenArrivalsStopAltogether() {
        arrive(150);
        now += TimeUnit.SECONDS.toNanos(1);
        assertThat(pacing.flooding()).as("no arrival yet in this second").isTrue();
        now += TimeUnit.SECONDS.toNanos(1);
        assertThat(pacing.flooding()).isFalse();
        arrive(1);
        assertThat(pacing.flooding()).as("a gap of seconds counts as quiet").isFalse();
    }

    @Test
    void aRateOfZeroTurnsPacingOff() {
        IntakePacing off = new IntakePacing(0, 0.25, () -> now);
        for (int i = 0; i < 10_000; i++) {
            off.arrived();
        }
        assertThat(off.flooding()).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> new IntakePacing(100, 0, () -> now));
    }

    private void arrive(int tickets) {
        for (int i = 0; i < tickets; i++) {
            pacing.arrived();
        }
    }
}
