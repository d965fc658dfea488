package io.tickettriage.connector.zammad;

import java.time.Duration;

import io.tickettriage.connector.HelpdeskSettings;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the Zammad connector ({@code TRIAGE_ZAMMAD_*}).
 *
 * @param url             the Zammad instance, {@code https://zammad.example.com}, without credentials (refused at
 *                        start: the token below signs in); unset, the connector is off
 * @param token           an API access token of a Zammad user with the ticket.agent permission on the groups to
 *                        triage (and admin.object to read groups); sent as {@code Authorization: Token token=...},
 *                        never logged
 * @param webhookSecret   the HMAC-SHA1 signature token set on the Zammad webhook; calls to
 *                        {@code POST /connectors/zammad/webhook} without its {@code X-Hub-Signature} are refused.
 *                        Unset, every webhook call is refused and polling alone brings tickets
 * @param mode            {@code shadow} (nothing written to Zammad), {@code suggest} (an internal note) or
 *                        {@code auto} (group and priority set when the team's threshold is met, a note otherwise)
 * @param pollInterval    how often Zammad is searched for new and changed tickets; 0 turns polling off (the
 *                        webhook alone then brings them)
 * @param timeout         connection and request time-out of calls to Zammad
 * @param perPage         tickets per page of the import and of each poll (Zammad allows up to 200)
 * @param urgentPriority  the Zammad priority written for the product's Urgent (Zammad ships 1 low, 2 normal, 3 high)
 */
@ConfigurationProperties("triage.zammad")
@Validated
record ZammadProperties(
        @Nullable String url,
        @Nullable String token,
        @Nullable String webhookSecret,
        @DefaultValue("shadow") String mode,
        @DefaultValue("60s") @DurationMin Duration pollInterval,
        @DefaultValue("30s") @DurationMin(inclusive = false) Duration timeout,
        @DefaultValue("100") @Min(1) @Max(200) int perPage,
        @DefaultValue("3 high") String urgentPriority) implements HelpdeskSettings {
}
