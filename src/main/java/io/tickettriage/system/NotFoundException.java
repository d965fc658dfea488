package io.tickettriage.system;

import org.springframework.http.HttpStatus;

/** A resource the client named does not exist: answered with 404. */
public class NotFoundException extends ProblemException {

    public NotFoundException(String detail) {
        super(HttpStatus.NOT_FOUND, "Not Found", detail);
    }
}
