package io.tickettriage.webhook;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The events a subscription can ask for: the live events' names, one of its own, and {@code *} for all. */
final class EventNames {

    static final String TICKET_CREATED = "ticket_created";
    static final String TICKET_ROUTED = "ticket_routed";
    static final String TICKET_NEEDS_REVIEW = "ticket_needs_review";
    static final String TICKET_UPDATED = "ticket_updated";
    static final String TICKET_DELETED = "ticket_deleted";
    static final String NEW_COMMENT = "new_comment";
    static final String INCIDENT_DETECTED = "incident_detected";
    static final String TICKET_ASSIGNED = "ticket_assigned";
    static final String SLA_WARNING = "sla_warning";
    static final String SLA_BREACHED = "sla_breached";
    static final String ALL = "*";

    static final Set<String> KNOWN = Set.of(TICKET_CREATED, TICKET_ROUTED, TICKET_NEEDS_REVIEW, TICKET_UPDATED,
            TICKET_DELETED, NEW_COMMENT, INCIDENT_DETECTED, TICKET_ASSIGNED, SLA_WARNING, SLA_BREACHED, ALL);

    private EventNames() {
    }

    /** The names as stored: comma-separated, in the order given, without repeats. */
    static String join(List<String> events) {
        return String.join(",", new LinkedHashSet<>(events));
    }

    static List<String> split(String stored) {
        return Arrays.stream(stored.split(",")).filter(name -> !name.isBlank()).toList();
    }

    static boolean matches(String stored, String event) {
        List<String> names = split(stored);
        return names.contains(ALL) || names.contains(event);
    }

    static String known() {
        return KNOWN.stream().sorted().collect(Collectors.joining(", "));
    }
}
