package io.tickettriage.system;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** The caller is not known: no credential, or one that is unknown, revoked or expired. 401 with a challenge. */
public class UnauthorizedException extends ProblemException {

    public UnauthorizedException(String detail) {
        super(HttpStatus.UNAUTHORIZED, "Unauthorized", detail);
    }

    @Override
    protected HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"ticket-triage\"");
        return headers;
    }
}
