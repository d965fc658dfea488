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

    /**
     * A ticket was given to an agent, by its team's assignment policy or by hand ({@code ticket_assigned}).
     *
     * @param previous who had it before, or null
     * @param byHand   whether a person chose the assignee (the engine never overwrites that choice)
     */
    public record TicketAssigned(Ticket ticket, @Nullable String previous, boolean byHand) {
    }

    /**
     * 80% of the time to a service-level target has passed and the target is not met yet ({@code sla_warning}).
     * Announced once per ticket and measure, by whichever process first records it.
     */
    public record ServiceLevelWarning(Ticket ticket, ServiceLevelMeasure measure) {
    }

    /** A service-level target was missed ({@code sla_breached}); announced once per ticket and measure. */
    public record ServiceLevelBreached(Ticket ticket, ServiceLevelMeasure measure) {
    }

    /** A ticket and its comments were deleted. */
    public record TicketDeleted(long id, @Nullable String createdBy) {
    }
}
