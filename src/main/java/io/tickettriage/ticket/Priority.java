package io.tickettriage.ticket;

import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** How urgent a ticket is. The original design's {@code Normal} is read as {@link #MEDIUM}. */
public enum Priority {
    LOW("Low"), MEDIUM("Medium"), HIGH("High"), URGENT("Urgent");

    private final String label;

    Priority(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    public static Optional<Priority> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String key = value.trim().toLowerCase(Locale.ROOT);
        if (key.equals("normal")) {
            return Optional.of(MEDIUM);
        }
        for (Priority priority : values()) {
            if (priority.label.toLowerCase(Locale.ROOT).equals(key)) {
                return Optional.of(priority);
            }
        }
        return Optional.empty();
    }

    public static Priority of(String value) {
        return parse(value).orElseThrow(() -> new IllegalArgumentException("Unknown priority '" + value + "'"));
    }

    @Override
    public String toString() {
        return label;
    }
}
