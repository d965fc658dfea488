package io.tickettriage.assignment;

import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether an agent takes new tickets. Away agents keep the tickets they have. */
public enum Availability {
    AVAILABLE, AWAY;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Availability> parse(String value) {
        for (Availability availability : values()) {
            if (availability.value().equals(value.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of(availability);
            }
        }
        return Optional.empty();
    }
}
