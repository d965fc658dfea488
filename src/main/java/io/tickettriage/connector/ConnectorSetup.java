package io.tickettriage.connector;

import java.time.Duration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A connector's common settings as checked at start, the same way for every helpdesk, so that a wrong value stops the
 * start with the setting's name and what is wrong with it.
 *
 * @param name          the connector's name ({@code zammad}): its settings are {@code TRIAGE_ZAMMAD_*}
 * @param webhookSecret what webhook calls are signed with; null when none is set (every call is then refused)
 */
public record ConnectorSetup(String name, ConnectorMode mode, Duration pollInterval, @Nullable String webhookSecret) {

    /** Checks the settings of connector {@code name}, which must be on ({@link HelpdeskSettings#enabled()}). */
    public static ConnectorSetup check(String name, HelpdeskSettings settings) {
        ConnectorMode mode = ConnectorMode.parse(settings.mode(), prefix(name) + "MODE");
        String secret = settings.webhookSecret();
        return new ConnectorSetup(name, mode, settings.pollInterval(),
                secret == null || secret.isBlank() ? null : secret.strip());
    }

    /** The environment variable of one of this connector's settings: {@code setting("TOKEN")} is TRIAGE_ZAMMAD_TOKEN. */
    public String setting(String suffix) {
        return prefix(name) + suffix;
    }

    /**
     * A setting the connector cannot work without, stripped; when it is missing the start stops saying why.
     *
     * @param why what the connector needs it for ({@code the connector needs a Zammad API token})
     */
    public String required(String suffix, @Nullable String value, String why) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(setting("URL") + " is set but " + setting(suffix) + " is not: " + why);
        }
        return value.strip();
    }

    /** The secret to check a webhook call's signature with; without one, no call can be verified. */
    public String requireWebhookSecret() throws WebhookRejected {
        if (webhookSecret == null) {
            throw new WebhookRejected(setting("WEBHOOK_SECRET") + " is not set, so no webhook call can be verified");
        }
        return webhookSecret;
    }

    private static String prefix(String name) {
        return "TRIAGE_" + name.toUpperCase(Locale.ROOT) + "_";
    }
}
