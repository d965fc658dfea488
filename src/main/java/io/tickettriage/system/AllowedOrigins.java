package io.tickettriage.system;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.web.cors.CorsConfiguration;

/**
 * The browser origins allowed to call this service from other sites, for the REST API and the live events
 * (Socket.IO, Server-Sent Events) alike: the one setting {@code TRIAGE_CORS_ORIGINS}, by default
 * {@code http://localhost:3000}, where the original design's dashboard runs.
 *
 * <p>A listed origin (patterns such as {@code https://*.example.com} included) may send credentials: the
 * dashboard's session cookie. {@code *} admits any other origin, never with credentials, so that a page on an
 * arbitrary site cannot act with a user's session. Requests from this service's own origin are not cross-origin
 * and need no listing; checks here are for requests whose {@code Origin} differs from it.
 */
public final class AllowedOrigins {

    static final String ANY = "*";
    static final List<String> EXPOSED_HEADERS = List.of("X-Next-Cursor", "Link", "Location", "Retry-After");

    private final List<String> origins;
    private final boolean anyOrigin;
    private final CorsConfiguration listed;
    private final CorsConfiguration any;

    public AllowedOrigins(List<String> origins) {
        this.origins = origins.stream().map(String::strip).filter(origin -> !origin.isEmpty()).toList();
        this.anyOrigin = this.origins.contains(ANY);
        this.listed = configuration(this.origins.stream().filter(origin -> !ANY.equals(origin)).toList(), true);
        this.any = configuration(anyOrigin ? List.of(ANY) : List.of(), false);
    }

    /** The origins as configured, {@code *} included when it is. */
    public List<String> origins() {
        return origins;
    }

    /** Whether a page from {@code origin} may call this service at all (with or without credentials). */
    public boolean allows(@Nullable String origin) {
        return allowsCredentialsFrom(origin) || (anyOrigin && origin != null);
    }

    /**
     * Whether a page from {@code origin} may call with credentials (the session cookie): only when the origin is
     * listed, never because of {@code *}. A request that carries the cookie from any other site must be refused.
     */
    public boolean allowsCredentialsFrom(@Nullable String origin) {
        return origin != null && listed.checkOrigin(origin) != null;
    }

    /** The CORS rules for a request from {@code origin}: the listed origins' with credentials, else {@code *}'s. */
    CorsConfiguration corsFor(@Nullable String origin) {
        return allowsCredentialsFrom(origin) || !anyOrigin ? listed : any;
    }

    private static CorsConfiguration configuration(List<String> patterns, boolean credentials) {
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOriginPatterns(patterns);
        configuration.setAllowedMethods(List.of("GET", "POST", "PATCH", "DELETE"));
        configuration.setAllowedHeaders(List.of(ANY));
        configuration.setExposedHeaders(EXPOSED_HEADERS);
        configuration.setAllowCredentials(credentials);
        configuration.setMaxAge(3600L);
        return configuration;
    }
}
