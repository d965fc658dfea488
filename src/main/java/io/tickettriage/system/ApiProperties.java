package io.tickettriage.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the HTTP surface ({@code TRIAGE_API_*}).
 *
 * @param maxBodyBytes largest request body accepted; larger ones are refused with 413
 */
@ConfigurationProperties("triage.api")
public record ApiProperties(@DefaultValue("1048576") long maxBodyBytes) {
}
