package io.tickettriage.system;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** A field's value is well-formed JSON but not acceptable, such as an unknown team: 422. */
public class InvalidFieldException extends ProblemException {

    private final String field;

    public InvalidFieldException(String field, String detail) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid field", detail);
        this.field = field;
    }

    public String field() {
        return field;
    }

    @Override
    protected void addTo(ProblemDetail problem) {
        problem.setProperty("errors", List.of(Map.of("field", field, "message", getMessage())));
    }
}
