package io.tickettriage.system;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One structured line per request (method, path, status, duration). Bodies and query strings are never
 * logged: they carry ticket text, which is private.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestLoggingFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger("io.tickettriage.requests");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            // Health probes and Socket.IO long-polls (one every 25 s per connected client) would drown the rest.
            if (log.isInfoEnabled() && !request.getRequestURI().startsWith("/actuator")
                    && !request.getRequestURI().startsWith("/socket.io/")) {
                long millis = (System.nanoTime() - start) / 1_000_000;
                // logfmt in the message for people, the same pairs as fields for structured (JSON) log output
                log.atInfo()
                        .addKeyValue("method", request.getMethod())
                        .addKeyValue("path", request.getRequestURI())
                        .addKeyValue("status", response.getStatus())
                        .addKeyValue("duration_ms", millis)
                        .log("method={} path={} status={} duration_ms={}", request.getMethod(),
                                request.getRequestURI(), response.getStatus(), millis);
            }
        }
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return true;
    }
}
