package io.tickettriage.access;

import java.time.Duration;

import io.tickettriage.system.ServiceProperties;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Access control settings.
 *
 * @param auth              {@code token} (the default): every API call needs a token or a dashboard session;
 *                          {@code none}: demo mode, everyone is an admin ({@code TRIAGE_AUTH})
 * @param loginLinkValidity how long a one-time login link works ({@code TRIAGE_LOGIN_LINK_VALIDITY})
 * @param sessionValidity   how long a dashboard login lasts ({@code TRIAGE_SESSION_VALIDITY})
 */
@ConfigurationProperties("triage.access")
@Validated
public record AccessProperties(@DefaultValue("token") AuthMode auth,
        @DefaultValue("24h") @DurationMin(inclusive = false) Duration loginLinkValidity,
        @DefaultValue("12h") @DurationMin(inclusive = false) Duration sessionValidity) {

    public enum AuthMode {
        TOKEN, NONE
    }

    boolean enabled() {
        return auth == AuthMode.TOKEN;
    }

    /** The one-time login link for {@code code}, at the public address or else at localhost:{@code port}. */
    public static String loginLink(ServiceProperties service, String port, String code) {
        return service.publicAddress(port) + "/login?code=" + code;
    }
}
