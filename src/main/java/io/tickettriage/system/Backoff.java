package io.tickettriage.system;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.DoubleSupplier;

import org.jspecify.annotations.Nullable;

/**
 * How long to wait before trying a remote service again: doubling from the first wait up to a cap, each wait drawn
 * at random from the upper half of its step, so that the many calls that failed together (a receiver or provider
 * that was down) do not all come back at the same moment. A server's {@code Retry-After} is honoured, within the
 * cap. Used by webhook deliveries and the LLM stage alike.
 */
public final class Backoff {

    private static final int MAX_DOUBLINGS = 30;

    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;

    /**
     * @param initial the wait after the first failure (its upper bound; the wait is between half and all of it)
     * @param max     no wait is longer, whatever the number of failures or the server's {@code Retry-After}
     * @param random  numbers in [0, 1), e.g. {@code ThreadLocalRandom.current()::nextDouble}
     */
    public Backoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /** The wait after the {@code failures}-th failed attempt (1 for the first), at least what the server asked. */
    public Duration after(int failures, @Nullable Duration retryAfter) {
        long ceiling = Math.min(max.toMillis(),
                initial.toMillis() << Math.min(Math.max(failures - 1, 0), MAX_DOUBLINGS));
        long wait = ceiling / 2 + (long) (random.getAsDouble() * (ceiling - ceiling / 2));
        if (retryAfter != null) {
            wait = Math.max(wait, Math.min(retryAfter.toMillis(), max.toMillis()));
        }
        return Duration.ofMillis(wait);
    }

    /**
     * The wait a server asked for: {@code retry-after-ms} (OpenAI's, in milliseconds), else {@code Retry-After} in
     * seconds or as an HTTP date; empty when it asked for none or wrote something unreadable.
     */
    public static Optional<Duration> retryAfter(HttpHeaders headers, Instant now) {
        Optional<String> millis = headers.firstValue("retry-after-ms");
        if (millis.isPresent()) {
            try {
                return Optional.of(Duration.ofMillis(Math.max(0, (long) Double.parseDouble(millis.get().strip()))));
            } catch (NumberFormatException e) {
                // fall through to Retry-After
            }
        }
        return Optional.ofNullable(retryAfter(headers.firstValue("retry-after").orElse(null), now));
    }

    /** {@code Retry-After} as (possibly fractional) seconds or as an HTTP date; null when absent or unreadable. */
    public static @Nullable Duration retryAfter(@Nullable String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            double seconds = Double.parseDouble(value.strip());
            return seconds < 0 || Double.isNaN(seconds) ? null : Duration.ofMillis((long) (seconds * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
