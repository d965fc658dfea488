package io.tickettriage.system;

/** The request body passed the configured size limit: 413. */
class PayloadTooLargeException extends RuntimeException {

    PayloadTooLargeException(long limit) {
        super("Request body is larger than the limit of " + limit + " bytes");
    }
}
