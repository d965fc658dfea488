package io.tickettriage.system;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** This client asked for more than its share, such as tickets per minute: 429 with Retry-After. */
public class TooManyRequestsException extends ProblemException {

    private final Duration retryAfter;

    public TooManyRequestsException(String detail, Duration retryAfter) {
        super(HttpStatus.TOO_MANY_REQUESTS, "Too Many Requests", detail);
        this.retryAfter = retryAfter;
    }

    @Override
    protected HttpHeaders headers() {
        return retryAfter(retryAfter);
    }

    /** Whole seconds, at least one: a client told 0 would retry at once. */
    static HttpHeaders retryAfter(Duration wait) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, (wait.toMillis() + 999) / 1000)));
        return headers;
    }
}
