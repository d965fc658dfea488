package io.tickettriage.llm;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * How long to wait before the next request: exponential with jitter, so that many workers that failed
 * together do not retry together; or exactly what the server asked for in {@code Retry-After}.
 */
final class Backoff {

    private static final Duration MAX = Duration.ofSeconds(30);

    private final Duration base;
    private final RandomGenerator random;

    Backoff(Duration base, RandomGenerator random) {
        this.base = base;
        this.random = random;
    }

    /** Before request number {@code attempt + 1}: a random wait between half and all of base * 2^(attempt-1). */
    Duration delay(int attempt) {
        long ceiling = Math.min(MAX.toNanos(), base.toNanos() << Math.min(attempt - 1, 20));
        long half = ceiling / 2;
        return Duration.ofNanos(half + (half > 0 ? random.nextLong(half + 1) : 0));
    }

    /**
     * The wait a server asked for: {@code retry-after-ms} (OpenAI), or {@code Retry-After} in seconds or as an
     * HTTP date.
     */
    static Optional<Duration> retryAfter(HttpHeaders headers, Clock clock) {
        Optional<String> millis = headers.firstValue("retry-after-ms");
        if (millis.isPresent()) {
            try {
                return Optional.of(Duration.ofMillis(Math.max(0, (long) Double.parseDouble(millis.get().trim()))));
            } catch (NumberFormatException e) {
                // fall through to Retry-After
            }
        }
        return headers.firstValue("retry-after").flatMap(value -> parse(value.trim(), clock));
    }

    private static Optional<Duration> parse(String value, Clock clock) {
        try {
            return Optional.of(Duration.ofMillis(Math.max(0, (long) (Double.parseDouble(value) * 1000))));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(clock.instant(), at.toInstant());
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException unparseable) {
                return Optional.empty();
            }
        }
    }
}
