package io.tickettriage.connector;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The settings every helpdesk connector has in its own group ({@code TRIAGE_<NAME>_URL}, {@code _WEBHOOK_SECRET},
 * {@code _MODE}, {@code _POLL_INTERVAL}): a connector's {@code @ConfigurationProperties} record implements this beside
 * its own settings (credentials, paging), and {@link ConnectorSetup#check} reads them the same way for every helpdesk.
 */
public interface HelpdeskSettings {

    @Nullable
    String url();

    @Nullable
    String webhookSecret();

    String mode();

    Duration pollInterval();

    /** A connector is on when its URL is set; else its {@link HelpdeskConnector#disabled} stand-in takes its place. */
    default boolean enabled() {
        String url = url();
        return url != null && !url.isBlank();
    }
}
