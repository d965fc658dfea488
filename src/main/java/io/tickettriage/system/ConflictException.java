package io.tickettriage.system;

import org.springframework.http.HttpStatus;

/** The request is valid but not in the resource's current state, such as closing a closed ticket: 409. */
public class ConflictException extends ProblemException {

    public ConflictException(String detail) {
        super(HttpStatus.CONFLICT, "Conflict", detail);
    }
}
