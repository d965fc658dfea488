package io.tickettriage.system;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What clients may do: how fast one creates tickets, and which other sites may call the API from a browser.
 *
 * @param rateLimitPerMinute tickets one client (API token, or address without one) may create per minute
 *                           ({@code TRIAGE_RATE_LIMIT_PER_MINUTE}); 0 turns the limit off
 * @param corsOrigins        browser origins allowed to call the API and open live events from other sites
 *                           ({@code TRIAGE_CORS_ORIGINS}, comma-separated; see {@link AllowedOrigins})
 */
@ConfigurationProperties("triage")
public record ClientProperties(@DefaultValue("600") int rateLimitPerMinute,
        @DefaultValue("http://localhost:3000") List<String> corsOrigins) {
}
