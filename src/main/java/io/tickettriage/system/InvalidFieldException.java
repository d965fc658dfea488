package io.tickettriage.system;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** A field's value is well-formed JSON but not acceptable, such as an unknown team: 422. */
public class InvalidFieldException extends ProblemException {

    private final String field;
    private final List<Map<String, String>> errors;

    public InvalidFieldException(String field, String detail) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid field", detail);
        this.field = field;
        this.errors = List.of(Map.of("field", field, "message", detail));
    }

    private InvalidFieldException(List<InvalidFieldException> problems) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid field",
                String.join("; ", problems.stream().map(InvalidFieldException::getMessage).toList()));
        this.field = problems.getFirst().field();
        this.errors = problems.stream().flatMap(problem -> problem.errors.stream()).toList();
    }

    /** One problem naming every field of {@code problems} (at least one), their messages joined in the detail. */
    public static InvalidFieldException all(List<InvalidFieldException> problems) {
        return problems.size() == 1 ? problems.getFirst() : new InvalidFieldException(problems);
    }

    /** The first field found wrong. */
    public String field() {
        return field;
    }

    @Override
    protected void addTo(ProblemDetail problem) {
        problem.setProperty("errors", errors);
    }
}
