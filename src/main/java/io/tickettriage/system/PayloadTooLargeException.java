package io.tickettriage.system;

import org.springframework.http.HttpStatus;

/** The request body passed the configured size limit: 413. */
class PayloadTooLargeException extends ProblemException {

    PayloadTooLargeException(long limit) {
        super(HttpStatus.CONTENT_TOO_LARGE, "Content Too Large",
                "Request body is larger than the limit of " + limit + " bytes");
    }
}
