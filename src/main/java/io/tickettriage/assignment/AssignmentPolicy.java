package io.tickettriage.assignment;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a team's tickets are given to its agents. */
public enum AssignmentPolicy {
    /** Each available agent in turn, by name. */
    ROUND_ROBIN,
    /** The agent with the fewest open tickets; ties in turn. The default for teams that have agents. */
    LEAST_LOADED,
    /** The agent who closed the most tickets like this one, weighted down by their open tickets. */
    EXPERTISE,
    /** Nobody is assigned automatically. */
    NONE;

    static final AssignmentPolicy DEFAULT = LEAST_LOADED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<AssignmentPolicy> parse(String value) {
        for (AssignmentPolicy policy : values()) {
            if (policy.value().equals(value.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of(policy);
            }
        }
        return Optional.empty();
    }

    static String known() {
        return Arrays.stream(values()).map(AssignmentPolicy::value).collect(Collectors.joining(", "));
    }
}
