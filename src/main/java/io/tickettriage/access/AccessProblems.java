package io.tickettriage.access;

import java.io.IOException;

import io.tickettriage.system.ForbiddenException;
import io.tickettriage.system.ProblemWriter;
import io.tickettriage.system.UnauthorizedException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/** 401 and 403 from the security filters, written as every other problem response of the API is. */
final class AccessProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ProblemWriter problems;

    AccessProblems(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        problems.write(request, response, new UnauthorizedException(request.getHeader("Authorization") != null
                || CallerCredentials.sessionCookie(request) != null
                ? "The token or session is not valid (unknown, revoked or expired); log in again or use another token"
                : "This API needs a token: send 'Authorization: Bearer <token>' (create one with "
                        + "'./ticket-triage token create --role agent') or log in on the dashboard"));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
            throws IOException {
        if (exception instanceof CsrfException) {
            problems.write(request, response, new ForbiddenException("Missing or wrong CSRF token: a request "
                    + "authenticated by the session cookie must send the XSRF-TOKEN cookie's value in the "
                    + "X-XSRF-TOKEN header"));
            return;
        }
        Caller caller = Caller.current();
        problems.write(request, response, new ForbiddenException(caller == null
                ? "Not allowed"
                : "The " + caller.role().value() + " role may not do this"));
    }
}
