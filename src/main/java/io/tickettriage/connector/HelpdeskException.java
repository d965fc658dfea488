package io.tickettriage.connector;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A helpdesk call that failed. Transient failures (the helpdesk down or slow, 429, 5xx) are retried with backoff:
 * by the poller, and by the write-back job, which stays in the queue. Permanent ones (401, 403, 404, other 4xx, an
 * answer that is not what its API documents) would fail the same way again: a write-back records them as its
 * error and stops. The message never carries credentials.
 */
public class HelpdeskException extends Exception {

    private final boolean transientFailure;
    private final int status;
    private final @Nullable Duration retryAfter;

    public HelpdeskException(String message, boolean transientFailure, int status, @Nullable Duration retryAfter,
            @Nullable Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public static HelpdeskException permanent(String message) {
        return new HelpdeskException(message, false, 0, null, null);
    }

    public static HelpdeskException transientFailure(String message, @Nullable Throwable cause) {
        return new HelpdeskException(message, true, 0, null, cause);
    }

    /** Whether trying again later may succeed. */
    public boolean isTransient() {
        return transientFailure;
    }

    /** The HTTP status the helpdesk answered, or 0 when it gave none (unreachable, time-out, unreadable answer). */
    public int status() {
        return status;
    }

    /** How long the helpdesk asked to wait ({@code Retry-After}), if it did. */
    public @Nullable Duration retryAfter() {
        return retryAfter;
    }

    /** The kind of failure, for metrics: {@code unauthorized}, {@code rate-limited}, {@code server}, ... */
    public String kind() {
        return switch (status) {
            case 0 -> transientFailure ? "unreachable" : "unexpected-answer";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 429 -> "rate-limited";
            default -> status >= 500 ? "server" : "client";
        };
    }
}
