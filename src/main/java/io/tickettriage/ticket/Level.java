package io.tickettriage.ticket;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonValue;

/** Which support tier takes a ticket. The original design's {@code Level N Support} is read as Tier N. */
public enum Level {
    TIER_1("Tier 1"), TIER_2("Tier 2"), TIER_3("Tier 3");

    private static final Pattern FORMS = Pattern.compile("(?:tier|level|l|t)\\s*([1-3])(?:\\s+support)?");

    private final String label;

    Level(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    public static Optional<Level> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher matcher = FORMS.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(values()[Integer.parseInt(matcher.group(1)) - 1]);
    }

    public static Level of(String value) {
        return parse(value).orElseThrow(() -> new IllegalArgumentException("Unknown level '" + value + "'"));
    }

    @Override
    public String toString() {
        return label;
    }
}
