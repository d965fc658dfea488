package io.tickettriage.ticket;

/** Events the ticket module publishes. Listeners that need the committed state use a transactional listener. */
public final class TicketEvents {

    private TicketEvents() {
    }

    /** A ticket was created and is waiting for triage. Published inside the creating transaction. */
    public record TicketCreated(Ticket ticket) {
    }

    /** The triage engine stored its decision on a ticket. */
    public record TicketRouted(Ticket ticket) {
    }

    /** An agent or requester changed a ticket: its fields or its status. */
    public record TicketUpdated(Ticket ticket) {
    }

    /** A ticket and its comments were deleted. */
    public record TicketDeleted(long id) {
    }
}
