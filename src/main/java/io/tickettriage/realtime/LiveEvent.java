package io.tickettriage.realtime;

import io.tickettriage.access.Caller;

import org.jspecify.annotations.Nullable;

/**
 * One change as clients receive it: the event name and its payload, already serialised with the same JSON
 * mapper as the REST API so that every transport carries exactly the REST representation; and who may hear it.
 *
 * @param name       event name, e.g. {@code ticket_routed}
 * @param data       the payload as one line of JSON
 * @param owner      the creator of the ticket concerned, who hears of it as a requester; null when none
 * @param agentsOnly for agents' connections only (internal comments, incidents)
 * @param ownerData  the payload the owner hears instead of {@code data}, when the owner may see less than agents
 *                   (a ticket's duplicates among other people's tickets); null when it is the same
 */
record LiveEvent(String name, String data, @Nullable String owner, boolean agentsOnly, @Nullable String ownerData) {

    static final String TICKET_CREATED = "ticket_created";
    static final String TICKET_ROUTED = "ticket_routed";
    static final String TICKET_UPDATED = "ticket_updated";
    static final String TICKET_DELETED = "ticket_deleted";
    static final String NEW_COMMENT = "new_comment";
    static final String INCIDENT_DETECTED = "incident_detected";
    static final String TICKET_ASSIGNED = "ticket_assigned";
    static final String SLA_WARNING = "sla_warning";
    static final String SLA_BREACHED = "sla_breached";

    /** An event whose owner hears what agents hear. */
    LiveEvent(String name, String data, @Nullable String owner, boolean agentsOnly) {
        this(name, data, owner, agentsOnly, null);
    }

    /** An event for agents only. */
    LiveEvent(String name, String data) {
        this(name, data, null, true);
    }

    /** The payload for a connection of {@code caller}, who must be allowed to hear the event. */
    String dataFor(Caller caller) {
        return caller.isAgent() || ownerData == null ? data : ownerData;
    }

    /** The payload the owner's connections receive. */
    String dataForOwner() {
        return ownerData == null ? data : ownerData;
    }
}
