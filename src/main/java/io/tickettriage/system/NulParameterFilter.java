package io.tickettriage.system;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a query parameter holding the NUL character ({@code %00}) with 422: PostgreSQL cannot compare text with it,
 * so a search such as {@code /tickets?q=a%00b} failed there with a server error, and no filter or search needs it.
 * (In a request body the character is dropped instead: {@link NulFreeText}.)
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
final class NulParameterFilter extends OncePerRequestFilter {

    private final ProblemWriter problems;

    NulParameterFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query != null && query.contains("%00")) {
            for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
                if (Arrays.stream(parameter.getValue()).anyMatch(value -> value.indexOf('\0') >= 0)) {
                    problems.writeAndClose(request, response, new InvalidFieldException(parameter.getKey(),
                            parameter.getKey() + " must not contain the NUL character (%00)"));
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }
}
