package io.tickettriage.system;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * Limits how many tickets, and separately how many comments, one client creates per minute, with a token bucket per
 * client ({@link CreationBudgets}: in this process, or in Redis and shared by every API process when
 * {@code REDIS_URL} is set): a burst up to the limit is accepted at once, then one ticket per {@code 60 s / limit}.
 * Refusals are 429 with Retry-After. A client is its API token when the request was authenticated with one, so that
 * users behind one proxy or NAT address do not share a budget; a caller logged in by a dashboard session is counted
 * by name; anyone else (demo mode) by address.
 *
 * <p>The filter runs after the security filter chain, so only a token that was verified gets its own budget: made-up
 * tokens are refused with 401 before they reach this filter and cannot be used to escape the address's budget. Only
 * a SHA-256 digest of the token is kept as the key: the table of buckets must never become a list of credentials,
 * in memory, in a heap dump or in Redis.
 */
@Component
@Order(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 10)
class CreationRateLimitFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";
    private static final UrlPathHelper PATHS = paths();
    private static final Pattern COMMENTS = Pattern.compile("/tickets/[^/]+/comments");

    private static UrlPathHelper paths() {
        UrlPathHelper paths = new UrlPathHelper();
        paths.setUrlDecode(true);
        paths.setRemoveSemicolonContent(true);
        return paths;
    }

    private final int perMinute;
    private final CreationBudgets budgets;
    private final ProblemWriter problems;

    CreationRateLimitFilter(ServiceProperties properties, CreationBudgets budgets, ProblemWriter problems) {
        this.perMinute = properties.rateLimitPerMinute();
        this.budgets = budgets;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return perMinute <= 0 || !"POST".equals(request.getMethod()) || kind(normalisedPath(request)) == null;
    }

    /** What a POST to this path creates, with a budget of its own: tickets, or comments. */
    static @Nullable String kind(String path) {
        if ("/tickets".equals(path)) {
            return "tickets";
        }
        return COMMENTS.matcher(path).matches() ? "comments" : null;
    }

    /**
     * The path as the application's routing sees it: percent-decoded, without path parameters, with dot segments
     * and repeated slashes resolved. {@code /%74ickets}, {@code /tickets;x=1} and {@code //tickets} create tickets
     * as {@code /tickets} does, so the limit must count them as {@code /tickets}.
     */
    static String normalisedPath(HttpServletRequest request) {
        String decoded = PATHS.getPathWithinApplication(request).replaceAll("/{2,}", "/");
        try {
            return new URI(null, null, decoded, null).normalize().getPath();
        } catch (URISyntaxException e) {
            return decoded;
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String kind = kind(normalisedPath(request));
        long waitMillis = take(kind + "|" + clientKey(request, SecurityContextHolder.getContext().getAuthentication()));
        if (waitMillis > 0) {
            problems.writeAndClose(request, response, new TooManyRequestsException("This client created more than "
                    + perMinute + " " + kind + " in a minute; retry after the time in the Retry-After header",
                    Duration.ofMillis(waitMillis)));
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * The bucket key: {@code token:<sha-256 hex>} for a verified Bearer token, {@code caller:<sha-256 hex>} for a
     * caller authenticated otherwise, else {@code address:<remote address>}.
     */
    static String clientKey(HttpServletRequest request, @Nullable Authentication authentication) {
        boolean verified = authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken);
        if (!verified) {
            return "address:" + request.getRemoteAddr();
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String token = authorization.substring(BEARER.length()).strip();
            if (!token.isEmpty()) {
                return "token:" + sha256(token);
            }
        }
        return "caller:" + sha256(authentication.getName());
    }

    private static String sha256(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }

    /** Takes one creation from {@code client}'s budget; returns 0 when there was one, else how long to wait. */
    long take(String client) {
        return budgets.take(client);
    }
}
