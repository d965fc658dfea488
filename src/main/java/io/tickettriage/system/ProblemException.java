package io.tickettriage.system;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A failure the client can act on, with the status, title and headers of its problem response. Thrown by any
 * module; answered by {@link ProblemWriter}, whether it reaches the controller advice or a filter writes it.
 */
public abstract class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String title;

    protected ProblemException(HttpStatus status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** Members beyond status, title and detail, such as the fields at fault. */
    protected void addTo(ProblemDetail problem) {
    }

    /** Headers the response carries, such as Retry-After. */
    protected HttpHeaders headers() {
        return HttpHeaders.EMPTY;
    }

    /** No stack trace: these are answers to clients, created often under load and never logged with one. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
