package io.tickettriage.realtime;

import io.tickettriage.system.AllowedOrigins;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.web.util.WebUtils;

/**
 * Which pages may open a WebSocket that carries the user's cookies. Browsers send cookies with a WebSocket
 * handshake from any site and apply no CORS to it, so a page of another origin could read the live events of a
 * logged-in user. A handshake with cookies is therefore accepted only from this server's own origin or from an
 * origin listed in {@code TRIAGE_CORS_ORIGINS}; {@code *} in the list does not count here. Without cookies the handshake carries no
 * ambient authority (the client authenticates with a token it holds), and without an Origin it does not come
 * from a browser page.
 */
final class CookieOrigins {

    private final AllowedOrigins allowed;

    CookieOrigins(AllowedOrigins allowed) {
        this.allowed = allowed;
    }

    boolean accepts(ServerHttpRequest request) {
        HttpHeaders headers = request.getHeaders();
        String origin = headers.getOrigin();
        if (origin == null || !headers.containsHeader(HttpHeaders.COOKIE)) {
            return true;
        }
        return allowed.allowsCredentialsFrom(origin) || WebUtils.isSameOrigin(request);
    }
}
