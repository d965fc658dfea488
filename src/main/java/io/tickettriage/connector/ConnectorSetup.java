package io.tickettriage.connector;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import io.tickettriage.system.InvalidSettingException;

import org.jspecify.annotations.Nullable;

/**
 * A connector's common settings as checked at start, the same way for every helpdesk, so that a wrong value stops the
 * start (and the {@code import} command) with the setting's name and what is wrong with it, never with its value.
 *
 * @param name          the connector's name ({@code zammad}): its settings are {@code TRIAGE_ZAMMAD_*}
 * @param url           the helpdesk's address, http or https, without credentials and trailing slashes: safe to show
 *                      in health, logs, notes and the import's output
 * @param webhookSecret what webhook calls are signed with; null when none is set (every call is then refused)
 */
public record ConnectorSetup(String name, URI url, ConnectorMode mode, Duration pollInterval,
        @Nullable String webhookSecret) {

    /**
     * An address with credentials before its host, looked for before the address is parsed: a password with a space,
     * a {@code #} or a {@code %} makes the address unreadable, and it must be refused as credentials all the same.
     */
    private static final Pattern CREDENTIALS = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*:)?//[^/?]*@");

    /**
     * Checks the settings of connector {@code name}, which must be on ({@link HelpdeskSettings#enabled()}).
     *
     * @param credentials where the connector's credentials go, for the message that refuses them in the URL
     *                    ({@code TRIAGE_ZAMMAD_TOKEN})
     */
    public static ConnectorSetup check(String name, HelpdeskSettings settings, String credentials) {
        URI url = address(setting(name, "URL"), Objects.requireNonNull(settings.url(), "the connector is off"),
                credentials);
        ConnectorMode mode = ConnectorMode.parse(settings.mode(), setting(name, "MODE"));
        String secret = settings.webhookSecret();
        return new ConnectorSetup(name, url, mode, settings.pollInterval(),
                secret == null || secret.isBlank() ? null : secret.strip());
    }

    /**
     * A helpdesk's address. Credentials in it ({@code https://user:password@...}) are refused rather than dropped:
     * every connector authenticates with settings of its own, so they would never be used, and an address is shown in
     * health, logs and notes; dropped silently, they would also leave a wrong password unnoticed. The messages never
     * repeat the value, which may hold a password.
     */
    private static URI address(String setting, String value, String credentials) {
        if (CREDENTIALS.matcher(value.strip()).find()) {
            throw new InvalidSettingException(setting + " must not carry credentials (user:password@ in the address):"
                    + " remove them from it and set " + credentials + " instead");
        }
        URI url;
        try {
            url = new URI(value.strip().replaceAll("/+$", ""));
        } catch (URISyntaxException e) {
            throw new InvalidSettingException(setting + " is not a URL (" + e.getReason() + " at character "
                    + (e.getIndex() + 1) + ")");
        }
        if (!isWebAddress(url)) {
            throw new InvalidSettingException(setting + " must be an http:// or https:// address with a host name");
        }
        return url;
    }

    /**
     * Whether {@code value} reads as an http:// or https:// address with a host name, as {@link #check} requires;
     * credentials in it are not looked at here ({@link #check} refuses them with their own message).
     */
    public static boolean isWebAddress(String value) {
        try {
            return isWebAddress(new URI(value.strip().replaceAll("/+$", "")));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean isWebAddress(URI url) {
        return url.getScheme() != null && url.getScheme().toLowerCase(Locale.ROOT).matches("https?")
                && url.getHost() != null;
    }

    /** The environment variable of a setting of this connector: {@code setting("TOKEN")} is TRIAGE_ZAMMAD_TOKEN. */
    public String setting(String suffix) {
        return setting(name, suffix);
    }

    /** The environment variable of a setting of connector {@code name}: TRIAGE_ZAMMAD_TOKEN. */
    static String setting(String name, String suffix) {
        return "TRIAGE_" + name.toUpperCase(Locale.ROOT) + "_" + suffix;
    }

    /**
     * A setting the connector cannot work without, stripped; when it is missing the start stops saying why.
     *
     * @param why what the connector needs it for ({@code the connector needs a Zammad API token})
     */
    public String required(String suffix, @Nullable String value, String why) {
        if (value == null || value.isBlank()) {
            throw new InvalidSettingException(setting("URL") + " is set but " + setting(suffix) + " is not: " + why);
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
}
