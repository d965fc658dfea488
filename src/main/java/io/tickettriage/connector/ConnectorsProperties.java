package io.tickettriage.connector;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings shared by every connector ({@code TRIAGE_CONNECTORS_*}); each connector has its own group as well
 * ({@code TRIAGE_ZAMMAD_*}, ...).
 *
 * @param polling      whether this process polls the helpdesks (worker processes do; the {@code import} command
 *                     and API processes never do)
 * @param retryMaxWait longest wait between two polls of a helpdesk that failed; waits start at one second and double
 * @param lease        how long a process owns the polling of a connector once it took it; another worker takes over
 *                     when it runs out, so it must be longer than a poll takes
 */
@ConfigurationProperties("triage.connectors")
@Validated
record ConnectorsProperties(@DefaultValue("true") boolean polling,
        @DefaultValue("5m") @DurationMin(seconds = 1) Duration retryMaxWait,
        @DefaultValue("2m") @DurationMin(inclusive = false) Duration lease) {
}
