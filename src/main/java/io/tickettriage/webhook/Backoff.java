package io.tickettriage.webhook;

import java.time.Duration;
import java.util.function.DoubleSupplier;

import org.jspecify.annotations.Nullable;

/**
 * Waits between attempts: doubling from the first wait up to a cap, each drawn at random from its upper half so that
 * the deliveries that failed together (a receiver that was down) do not all come back at the same moment. A
 * receiver's {@code Retry-After} is honoured, within the cap.
 */
final class Backoff {

    private static final int MAX_DOUBLINGS = 30;

    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;

    Backoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /** The wait after the {@code attempts}-th failed attempt (1 for the first). */
    Duration after(int attempts, @Nullable Duration retryAfter) {
        long ceiling = Math.min(max.toMillis(),
                initial.toMillis() << Math.min(Math.max(attempts - 1, 0), MAX_DOUBLINGS));
        long wait = ceiling / 2 + (long) (random.getAsDouble() * (ceiling - ceiling / 2));
        if (retryAfter != null) {
            wait = Math.max(wait, Math.min(retryAfter.toMillis(), max.toMillis()));
        }
        return Duration.ofMillis(wait);
    }
}
