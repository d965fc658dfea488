package io.tickettriage.system;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What this process does, chosen by {@code TRIAGE_ROLE}, so that one jar serves as the whole product or as
 * one of its parts on several machines.
 */
public enum TriageRole {

    /** API, dashboard, live events and job workers in one process: the default. */
    ALL,
    /** API, dashboard and live events; no job workers (the jobs wait for a worker process). */
    API,
    /** Job workers only; the HTTP port answers health and metrics, nothing else. */
    WORKER;

    public boolean runsWorkers() {
        return this != API;
    }

    public boolean servesClients() {
        return this != WORKER;
    }

    static TriageRole parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("TRIAGE_ROLE '" + value + "' is unknown; use "
                    + Arrays.stream(values()).map(r -> r.name().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(", ")));
        }
    }
}
