package io.tickettriage.system;

/** A field's value is well-formed JSON but not acceptable, such as an unknown team: 422. */
public class InvalidFieldException extends RuntimeException {

    private final String field;

    public InvalidFieldException(String field, String detail) {
        super(detail);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
