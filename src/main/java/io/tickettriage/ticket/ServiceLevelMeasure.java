package io.tickettriage.ticket;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a service-level target measures. */
public enum ServiceLevelMeasure {

    /** From creation to the first public comment of an agent. */
    FIRST_RESPONSE("first_response"),
    /** From creation to closing; time spent closed before a reopen does not count. */
    RESOLUTION("resolution");

    private final String value;

    ServiceLevelMeasure(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }
}
