package io.tickettriage.system;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A worker process keeps its HTTP port for health checks and metrics only: the API, the dashboard and live
 * events belong to the API processes, and a client sent to a worker by mistake is told so instead of getting
 * events that this process never receives.
 */
final class WorkerRoleFilter extends OncePerRequestFilter {

    private final ProblemWriter problems;

    WorkerRoleFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/actuator") || path.startsWith("/actuator/")) {
            chain.doFilter(request, response);
            return;
        }
        problems.writeAndClose(request, response, new NotFoundException(
                "This is a worker process (TRIAGE_ROLE=worker); it serves only /actuator/health and metrics"));
    }
}
