package io.tickettriage.access;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Finds who is calling: an {@code Authorization: Bearer} token, else the dashboard's session cookie, else, for
 * the event streams only (browsers' EventSource cannot send headers), a {@code token} query parameter.
 */
final class CallerCredentials extends OncePerRequestFilter {

    static final String SESSION_COOKIE = "triage_session";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final AccessTokens tokens;

    CallerCredentials(AccessTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        secret(request).flatMap(tokens::authenticate).ifPresent(caller -> {
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(caller, null,
                    caller.authorities()));
            SecurityContextHolder.setContext(context);
        });
        chain.doFilter(request, response);
    }

    static Optional<String> secret(HttpServletRequest request) {
        String bearer = bearer(request);
        if (bearer != null) {
            return Optional.of(bearer);
        }
        String session = sessionCookie(request);
        if (session != null) {
            return Optional.of(session);
        }
        if ("/events".equals(request.getRequestURI())) {
            return Optional.ofNullable(request.getParameter("token"));
        }
        return Optional.empty();
    }

    static @Nullable String bearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header == null ? null : bearer(header);
    }

    /** The token of an {@code Authorization} header's value, if it is a bearer token. */
    static @Nullable String bearer(String authorization) {
        return authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).strip() : null;
    }

    /** The session secret in a {@code Cookie} header's value, if there is one. */
    static @Nullable String sessionCookie(String cookieHeader) {
        for (String cookie : cookieHeader.split(";")) {
            String[] pair = cookie.strip().split("=", 2);
            if (pair.length == 2 && SESSION_COOKIE.equals(pair[0])) {
                return pair[1];
            }
        }
        return null;
    }

    static @Nullable String sessionCookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (SESSION_COOKIE.equals(cookie.getName())) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }

    /**
     * Only a browser sends the session cookie by itself, so only requests that rely on it need the CSRF check;
     * a request with a bearer token cannot be forged by another site.
     */
    static boolean needsCsrfCheck(HttpServletRequest request) {
        // Socket.IO's polling POSTs only carry the client's acknowledgements and heartbeats: nothing to forge
        // only a bearer token takes the cookie's place (an invalid one is refused, the cookie is not tried); any
        // other Authorization header leaves the cookie authenticating, and so needing the check
        return !SAFE_METHODS.contains(request.getMethod()) && bearer(request) == null
                && sessionCookie(request) != null && !request.getRequestURI().startsWith("/socket.io/");
    }
}
