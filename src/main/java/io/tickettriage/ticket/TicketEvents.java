package io.tickettriage.ticket;

import java.util.List;

import org.jspecify.annotations.Nullable;

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

    /** A ticket was closed; its final team, priority and tier are labels the engine can learn from. */
    public record TicketClosed(Ticket ticket) {
    }

    /** A closed ticket was reopened: what was learnt from its closing no longer holds. */
    public record TicketReopened(Ticket ticket) {
    }

    /** An agent changed what the engine or a requester had set. */
    public record TicketCorrected(Ticket ticket, List<Correction> corrections) {
    }

    /** A ticket and its comments were deleted. */
    public record TicketDeleted(long id, @Nullable String createdBy) {
    }
}
