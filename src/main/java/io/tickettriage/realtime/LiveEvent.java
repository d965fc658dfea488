package io.tickettriage.realtime;

/**
 * One change as clients receive it: the event name and its payload, already serialised with the same JSON
 * mapper as the REST API so that every transport carries exactly the REST representation.
 *
 * @param name event name, e.g. {@code ticket_routed}
 * @param data the payload as one line of JSON
 */
record LiveEvent(String name, String data) {

    static final String TICKET_CREATED = "ticket_created";
    static final String TICKET_ROUTED = "ticket_routed";
    static final String TICKET_UPDATED = "ticket_updated";
    static final String TICKET_DELETED = "ticket_deleted";
    static final String NEW_COMMENT = "new_comment";
    /** Reserved for incident detection (clusters of similar tickets); nothing publishes it yet. */
    static final String INCIDENT_DETECTED = "incident_detected";
}
