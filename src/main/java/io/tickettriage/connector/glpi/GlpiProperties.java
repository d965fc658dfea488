package io.tickettriage.connector.glpi;

import java.time.Duration;

import io.tickettriage.connector.HelpdeskSettings;
import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the GLPI connector ({@code TRIAGE_GLPI_*}).
 *
 * @param url           GLPI's address ({@code https://glpi.example.com}, or its {@code .../apirest.php}), without
 *                      credentials (refused at start: the tokens below sign in); unset, the connector is off
 * @param appToken      the App-Token of the API client defined in GLPI (Setup > General > API); empty when the API
 *                      client has none
 * @param userToken     the API token of the GLPI user the connector acts as (its profile must read tickets and
 *                      groups, and for suggest and auto modes add private follow-ups, assign groups, update tickets)
 * @param webhookSecret the secret of the GLPI 11 webhook that calls {@code POST /connectors/glpi/webhook}; unset,
 *                      webhook calls are refused and polling alone brings tickets
 * @param mode          {@code shadow} (nothing changes in GLPI), {@code suggest} (a private follow-up) or {@code auto}
 * @param pollInterval  how often GLPI is asked for new and changed tickets; 0 turns polling off (webhooks only)
 * @param timeout       longest wait for one GLPI answer
 * @param pageSize      tickets per request when polling and importing ({@code range=0-49} for 50)
 * @param readAttempts  attempts of a read that fails transiently (429, 5xx, time-out) before the poll or import
 *                      reports the failure
 */
@ConfigurationProperties("triage.glpi")
@Validated
record GlpiProperties(
        @Nullable String url,
        @Nullable String appToken,
        @Nullable String userToken,
        @Nullable String webhookSecret,
        @DefaultValue("shadow") String mode,
        @DefaultValue("60s") @DurationMin Duration pollInterval,
        @DefaultValue("30s") @DurationMin(inclusive = false) Duration timeout,
        @DefaultValue("50") @Min(1) int pageSize,
        @DefaultValue("4") @Min(1) int readAttempts) implements HelpdeskSettings {
}
