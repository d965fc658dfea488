package io.tickettriage.system;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * The one way problem responses are made: the controller advice ({@code ProblemHandler}) answers with
 * {@link #entity}, and servlet filters and the security entry points, where no advice runs, {@link #write} the
 * same document with the same headers. Every problem names the path it answers as its {@code instance}.
 */
@Component
public class ProblemWriter {

    private final JsonMapper json;

    ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    public static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    static ProblemDetail problem(ProblemException failure) {
        ProblemDetail problem = problem(failure.status(), failure.title(), failure.getMessage());
        failure.addTo(problem);
        return problem;
    }

    /** The response for a failure that reached a controller's advice. */
    ResponseEntity<ProblemDetail> entity(ProblemException failure) {
        return ResponseEntity.status(failure.status()).headers(failure.headers()).body(problem(failure));
    }

    /** Writes the failure's problem response from a filter or an entry point, outside Spring MVC. */
    public void write(HttpServletRequest request, HttpServletResponse response, ProblemException failure)
            throws IOException {
        failure.headers().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        write(request, response, problem(failure));
    }

    /**
     * As {@link #write(HttpServletRequest, HttpServletResponse, ProblemException)}, and closes the connection
     * afterwards: for a refusal that leaves the request's body unread, which would otherwise have to be read and
     * thrown away before the connection could serve another request.
     */
    void writeAndClose(HttpServletRequest request, HttpServletResponse response, ProblemException failure)
            throws IOException {
        response.setHeader("Connection", "close");
        write(request, response, failure);
    }

    private void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        if (problem.getInstance() == null) {
            try {
                problem.setInstance(URI.create(request.getRequestURI()));
            } catch (IllegalArgumentException e) {
                // a path the server took but java.net.URI does not: the problem goes without its instance
            }
        }
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
