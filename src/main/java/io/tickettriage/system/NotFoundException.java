package io.tickettriage.system;

/** A resource the client named does not exist: answered with 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String detail) {
        super(detail);
    }
}
