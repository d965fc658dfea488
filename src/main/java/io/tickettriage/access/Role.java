package io.tickettriage.access;

import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a caller may do. Each role includes the ones before it. */
public enum Role {

    /** Creates tickets and reads their own, with the comments that are not internal. */
    REQUESTER,
    /** Reads and works on every ticket, writes internal comments. */
    AGENT,
    /** Everything, plus settings, imports and tokens. */
    ADMIN;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }

    public static Optional<Role> parse(String value) {
        for (Role role : values()) {
            if (role.value().equalsIgnoreCase(value.strip())) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
