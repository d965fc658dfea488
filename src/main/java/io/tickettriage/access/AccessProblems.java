package io.tickettriage.access;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

import tools.jackson.databind.json.JsonMapper;

/** 401 and 403 as problem responses, like every other error of the API. */
final class AccessProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final JsonMapper json;

    AccessProblems(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"ticket-triage\"");
        write(response, HttpStatus.UNAUTHORIZED, "Unauthorized", request.getHeader("Authorization") != null
                || CallerCredentials.sessionCookie(request) != null
                ? "The token or session is not valid (unknown, revoked or expired); log in again or use another token"
                : "This API needs a token: send 'Authorization: Bearer <token>' (create one with "
                        + "'java -jar ticket-triage.jar token create --role agent') or log in on the dashboard");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
            throws IOException {
        if (exception instanceof CsrfException) {
            write(response, HttpStatus.FORBIDDEN, "Forbidden", "Missing or wrong CSRF token: a request "
                    + "authenticated by the session cookie must send the XSRF-TOKEN cookie's value in the "
                    + "X-XSRF-TOKEN header");
            return;
        }
        Caller caller = Caller.current();
        write(response, HttpStatus.FORBIDDEN, "Forbidden", caller == null
                ? "Not allowed"
                : "The " + caller.role().value() + " role may not do this");
    }

    private void write(HttpServletResponse response, HttpStatus status, String title, String detail)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
