package io.tickettriage.system;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.cors.CorsProcessor;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers cross-origin requests for every path from {@link AllowedOrigins}. A preflight from an origin that is not
 * allowed is refused with 403, so the browser never sends the call it announced. Any other request from such an
 * origin is served without CORS headers, which keeps its answer from the page that made it: this also serves the
 * dashboard behind a TLS-terminating proxy, whose same-origin calls look cross-origin here ({@code https} outside,
 * {@code http} inside).
 */
final class CrossOriginFilter extends OncePerRequestFilter {

    private final AllowedOrigins origins;
    private final CorsProcessor processor = new DefaultCorsProcessor();

    CrossOriginFilter(AllowedOrigins origins) {
        this.origins = origins;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!CorsUtils.isCorsRequest(request)) {
            chain.doFilter(request, response);
            return;
        }
        String origin = request.getHeader("Origin");
        if (CorsUtils.isPreFlightRequest(request)) {
            processor.processRequest(origins.corsFor(origin), request, response);
            return;
        }
        if (origins.allows(origin) && !processor.processRequest(origins.corsFor(origin), request, response)) {
            return;
        }
        chain.doFilter(request, response);
    }
}
