package io.tickettriage.system;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The request is valid but the service cannot take it now, such as when the backlog of unfinished work is at its
 * bound: 503 with Retry-After, so that well-behaved clients back off instead of retrying at once.
 */
public class ServiceUnavailableException extends ProblemException {

    private final Duration retryAfter;

    public ServiceUnavailableException(String detail, Duration retryAfter) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable", detail);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    @Override
    protected HttpHeaders headers() {
        return TooManyRequestsException.retryAfter(retryAfter);
    }
}
