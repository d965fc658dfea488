package io.tickettriage.realtime;

import org.jspecify.annotations.Nullable;

/**
 * One change as clients receive it: the event name and its payload, already serialised with the same JSON
 * mapper as the REST API so that every transport carries exactly the REST representation; and who may hear it.
 *
 * @param name       event name, e.g. {@code ticket_routed}
 * @param data       the payload as one line of JSON
 * @param owner      the creator of the ticket concerned, who hears of it as a requester; null when none
 * @param agentsOnly for agents' connections only (internal comments, incidents)
 */
record LiveEvent(String name, String data, @Nullable String owner, boolean agentsOnly) {

    static final String TICKET_CREATED = "ticket_created";
    static final String TICKET_ROUTED = "ticket_routed";
    static final String TICKET_UPDATED = "ticket_updated";
    static final String TICKET_DELETED = "ticket_deleted";
    static final String NEW_COMMENT = "new_comment";
    static final String INCIDENT_DETECTED = "incident_detected";

    /** An event for agents only. */
    LiveEvent(String name, String data) {
        this(name, data, null, true);
    }
}
