package io.tickettriage.webhook;

import java.time.Duration;
import java.time.Instant;

import io.tickettriage.system.Backoff;

import org.jspecify.annotations.Nullable;

/**
 * How one attempt ended, and whether it is worth another: timeouts, connection failures, 408, 429 and 5xx are the
 * receiver's passing trouble; any other 4xx (and a redirect, which is not followed) says the request itself is
 * wrong, and sending it again would get the same answer.
 *
 * @param status     the receiver's HTTP status; null when there was no answer
 * @param retryAfter how long the receiver asked to be left alone ({@code Retry-After}); null when it did not
 */
record Attempt(Result result, @Nullable Integer status, String error, @Nullable Duration retryAfter) {

    enum Result { DELIVERED, RETRY, FAIL }

    static Attempt delivered(int status) {
        return new Attempt(Result.DELIVERED, status, "", null);
    }

    static Attempt retry(String error) {
        return new Attempt(Result.RETRY, null, error, null);
    }

    static Attempt fail(String error) {
        return new Attempt(Result.FAIL, null, error, null);
    }

    static Attempt answered(int status, @Nullable String retryAfter, Instant now) {
        if (status >= 200 && status < 300) {
            return delivered(status);
        }
        String error = "HTTP " + status + (status >= 300 && status < 400 ? " (redirects are not followed)" : "");
        if (status == 408 || status == 429 || status >= 500) {
            return new Attempt(Result.RETRY, status, error, Backoff.retryAfter(retryAfter, now));
        }
        return new Attempt(Result.FAIL, status, error, null);
    }
}
