package io.tickettriage.system;

/** The request is valid but not in the resource's current state, such as closing a closed ticket: 409. */
public class ConflictException extends RuntimeException {

    public ConflictException(String detail) {
        super(detail);
    }
}
