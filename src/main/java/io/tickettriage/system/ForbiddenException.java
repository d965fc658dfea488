package io.tickettriage.system;

import org.springframework.http.HttpStatus;

/** The caller is known but may not do this, such as a requester writing an internal comment: 403. */
public class ForbiddenException extends ProblemException {

    public ForbiddenException(String detail) {
        super(HttpStatus.FORBIDDEN, "Forbidden", detail);
    }
}
