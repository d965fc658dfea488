package io.tickettriage.connector;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import io.tickettriage.system.InvalidSettingException;

/** What a connector does with the engine's decision in the helpdesk. */
public enum ConnectorMode {

    /** Nothing changes in the helpdesk; decisions are recorded for the shadow figures ({@code /insights/connectors}). */
    SHADOW,
    /** An internal note with the team, priority, confidence, reason and the nearest past tickets. */
    SUGGEST,
    /** Group and priority are set when the team's threshold is met; below it, the note of suggest mode. */
    AUTO;

    /** Reads a setting's value ({@code shadow}, {@code suggest} or {@code auto}, any case). */
    public static ConnectorMode parse(String value, String setting) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(setting + " '" + value + "' is unknown; use "
                    + Arrays.stream(values()).map(ConnectorMode::label).collect(Collectors.joining(", ")));
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
