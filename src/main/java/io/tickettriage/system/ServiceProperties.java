package io.tickettriage.system;

import java.util.List;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How this process serves: its role, where it is reached, what clients may send and do. The short names users set
 * ({@code TRIAGE_ROLE}, {@code REDIS_URL}, {@code TRIAGE_PUBLIC_URL}...) are mapped here by {@link ShortSettingNames}.
 *
 * @param role               {@code all} (API, dashboard, live events and job workers), {@code api} or
 *                           {@code worker} ({@code TRIAGE_ROLE})
 * @param redisUrl           set: jobs and live events go through Redis, shared by several processes
 *                           ({@code REDIS_URL})
 * @param publicUrl          the address users reach this service at: the login link in the log, and an origin
 *                           always allowed ({@code TRIAGE_PUBLIC_URL}; default {@code http://localhost:<port>})
 * @param rateLimitPerMinute tickets one client (API token, or address without one) may create per minute
 *                           ({@code TRIAGE_RATE_LIMIT_PER_MINUTE}); 0 turns the limit off
 * @param corsOrigins        browser origins allowed to call the API and open live events from other sites
 *                           ({@code TRIAGE_CORS_ORIGINS}, comma-separated; see {@link AllowedOrigins})
 * @param maxBodyBytes       the largest request body accepted ({@code TRIAGE_API_MAX_BODY_BYTES})
 */
@ConfigurationProperties("triage.service")
@Validated
public record ServiceProperties(
        @DefaultValue("all") String role,
        @DefaultValue("") @Pattern(regexp = "\\s*|\\s*(redis|rediss|redis-socket|redis-sentinel)://.+", message =
                "must be a redis:// or rediss:// address, or empty for one process without Redis") String redisUrl,
        @Nullable String publicUrl,
        @DefaultValue("600") @Min(0) int rateLimitPerMinute,
        @DefaultValue("http://localhost:3000") List<String> corsOrigins,
        @DefaultValue("1048576") @Min(1024) long maxBodyBytes) {

    /** The address users reach this service at, without a trailing slash; localhost:{@code port} when not set. */
    public String publicAddress(String port) {
        return publicUrl == null || publicUrl.isBlank() ? "http://localhost:" + port
                : publicUrl.strip().replaceAll("/+$", "");
    }
}
