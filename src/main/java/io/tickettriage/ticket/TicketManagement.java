package io.tickettriage.ticket;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tickettriage.access.Caller;
import io.tickettriage.system.ConflictException;
import io.tickettriage.system.NotFoundException;
import io.tickettriage.system.StorableText;
import io.tickettriage.ticket.TicketEvents.TicketAssigned;
import io.tickettriage.ticket.TicketEvents.TicketClosed;
import io.tickettriage.ticket.TicketEvents.TicketCorrected;
import io.tickettriage.ticket.TicketEvents.TicketCreated;
import io.tickettriage.ticket.TicketEvents.TicketDeleted;
import io.tickettriage.ticket.TicketEvents.TicketReopened;
import io.tickettriage.ticket.TicketEvents.TicketRouted;
import io.tickettriage.ticket.TicketEvents.TicketUpdated;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ticket lifecycle: the entry point of this module. Each change is one transaction and publishes what changed,
 * so that work such as triage is recorded atomically with the ticket. Reads run without a transaction: each is one
 * statement, and on SQLite a transaction would take the database's write lock. What the assignment module records
 * on tickets goes through two entry points of its own that follow the same rules: {@link TicketAssignments} (team
 * queues, who works on what) and {@link TicketServiceLevels} (first responses, warnings and breaches).
 */
@Service
public class TicketManagement {

    private final TicketRepository tickets;
    private final TicketUpdates updates;
    private final CorrectionRepository corrections;
    private final RequestedFields fields;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Counter created;
    private final DueTimes dueTimes;

    TicketManagement(TicketRepository tickets, TicketUpdates updates, CorrectionRepository corrections,
            RequestedFields fields, ApplicationEventPublisher events, Clock clock, MeterRegistry meters,
            DueTimes dueTimes) {
        this.tickets = tickets;
        this.updates = updates;
        this.dueTimes = dueTimes;
        this.corrections = corrections;
        this.fields = fields;
        this.events = events;
        this.clock = clock;
        this.created = Counter.builder("triage.tickets.received").description("Tickets created through the API").register(meters);
    }

    /**
     * A ticket as a requester submits it. Priority and level are optional: when given they are the ticket's until
     * the engine routes it, and stay as its requested_priority and requested_level.
     */
    public record NewTicket(String title, String description, @Nullable String priority, @Nullable String level,
            @Nullable String createdBy, String channel, @Nullable String requesterEmail) {

        /** Without any NUL character, which PostgreSQL cannot store, whichever channel the ticket came by. */
        public NewTicket {
            title = StorableText.withoutNul(title);
            description = StorableText.withoutNul(description);
        }

        public NewTicket(String title, String description, @Nullable String priority, @Nullable String level) {
            this(title, description, priority, level, null);
        }

        public NewTicket(String title, String description, @Nullable String priority, @Nullable String level,
                @Nullable String createdBy) {
            this(title, description, priority, level, createdBy, Ticket.CHANNEL_API, null);
        }

        /** A ticket taken in from the support mailbox, on behalf of the address that sent it. */
        public static NewTicket byEmail(String title, String description, String senderAddress) {
            return new NewTicket(title, description, null, null, senderAddress, Ticket.CHANNEL_EMAIL, senderAddress);
        }
    }

    /**
     * An agent's change of team, priority, tier or assignee; null fields are left as they are.
     *
     * @param assignee  the agent who should work on the ticket, chosen by hand and never replaced by the engine;
     *                  {@code ""} returns the ticket to its team's queue
     * @param changedBy who made the change, recorded with each correction
     */
    public record AgentChange(@Nullable String team, @Nullable String priority, @Nullable String level,
            @Nullable String assignee, @Nullable String changedBy) {

        public AgentChange(@Nullable String team, @Nullable String priority, @Nullable String level) {
            this(team, priority, level, null, null);
        }

        public AgentChange(@Nullable String team, @Nullable String priority, @Nullable String level,
                @Nullable String changedBy) {
            this(team, priority, level, null, changedBy);
        }
    }

    @Transactional
    public Ticket create(NewTicket request) {
        Priority priority = request.priority() == null ? Priority.MEDIUM : RequestedFields.priority(request.priority());
        Level level = request.level() == null ? Level.TIER_1 : RequestedFields.level(request.level());
        long id = tickets.insert(request.title().strip(), request.description() == null ? "" : request.description(),
                priority, request.priority() == null ? FieldSource.DEFAULT : FieldSource.REQUESTER,
                level, request.level() == null ? FieldSource.DEFAULT : FieldSource.REQUESTER, request.createdBy(),
                request.channel(), request.requesterEmail(), clock.instant(), dueTimes.target(priority));
        Ticket ticket = get(id);
        events.publishEvent(new TicketCreated(ticket));
        created.increment();
        return ticket;
    }

    public Ticket get(long id) {
        return tickets.findById(id).orElseThrow(() -> notFound(id));
    }

    /**
     * The ticket if this caller may read it. For a requester, another's ticket does not exist: the answer is
     * the same 404 as for an unknown id, so that ids cannot be probed.
     */
    public Ticket getVisibleTo(long id, Caller caller) {
        Ticket ticket = get(id);
        if (!caller.mayRead(ticket.createdBy())) {
            throw notFound(id);
        }
        return ticket.asSeenBy(caller);
    }

    public Optional<Ticket> find(long id) {
        return tickets.findById(id);
    }

    /** How many of this requester's tickets wait to be routed. */
    public long pendingCount(String createdBy) {
        return tickets.countPending(createdBy);
    }

    public List<Ticket> list(TicketQuery query) {
        return tickets.find(query);
    }

    /**
     * Where a list of the first {@code count} tickets matching the query (its limit aside) stops when more follow:
     * the id of the last of them, the cursor of the rest. Empty when no more than {@code count} match.
     */
    public Optional<Long> cursorAfter(TicketQuery query, int count) {
        List<Long> ids = tickets.idsAt(query, count - 1);
        return ids.size() == 2 ? Optional.of(ids.getFirst()) : Optional.empty();
    }

    /** The stored explanation of the engine's decision, as a JSON document. */
    public String explanation(long id) {
        get(id);
        return tickets.findExplanation(id)
                .orElseThrow(() -> new NotFoundException("Ticket " + id + " has not been triaged yet"));
    }

    @Transactional
    public Ticket changeStatus(long id, TicketStatus target) {
        Ticket ticket = get(id);
        TicketStatus from = ticket.status();
        switch (target) {
            case PENDING -> throw new ConflictException("A ticket cannot be set back to pending");
            case CLOSED -> {
                if (from == TicketStatus.CLOSED) {
                    throw new ConflictException("Ticket " + id + " is already closed");
                }
            }
            case ROUTED -> {
                if (from != TicketStatus.CLOSED) {
                    throw new ConflictException("Ticket " + id + " is " + from + "; only a closed ticket can be reopened");
                }
            }
        }
        if (!updates.changeStatus(id, from, target, clock.instant())) {
            throw new ConflictException("Ticket " + id + " changed while this request ran; reload it and retry");
        }
        Ticket changed = updated(id);
        events.publishEvent(target == TicketStatus.CLOSED ? new TicketClosed(changed) : new TicketReopened(changed));
        return changed;
    }

    /** Applies an agent's change and records each changed field as a correction the engine learns from. */
    @Transactional
    public Ticket change(long id, AgentChange change) {
        Ticket before = get(id);
        RequestedFields.ReadChange read = fields.change(change);
        String team = read.team();
        Priority priority = read.priority();
        Level level = read.level();
        String assignee = read.assignee();
        String by = read.by();
        Instant now = clock.instant();
        List<Correction> changed = new ArrayList<>();
        if (team != null && !team.equals(before.assignedTo())) {
            changed.add(new Correction(id, "assigned_to", before.assignedTo(), team, by, now));
        }
        if (priority != null && priority != before.priority()) {
            changed.add(new Correction(id, "priority", before.priority().label(), priority.label(), by, now));
        }
        if (level != null && level != before.level()) {
            changed.add(new Correction(id, "level", before.level().label(), level.label(), by, now));
        }
        updates.applyAgentChange(id, team, priority, level, assignee,
                assignee == null || assignee.isEmpty() ? null : "Assigned by " + by, now);
        changed.forEach(corrections::insert);
        if ((priority != null && priority != before.priority()) || (team != null && !team.equals(before.assignedTo()))) {
            // a new priority or a team with other business hours: due times counted again from the creation
            Ticket changedTicket = get(id);
            dueTimes.recompute(changedTicket, changedTicket.priority());
        }
        Ticket after = updated(id);
        if (!Objects.equals(before.assignee(), after.assignee()) && after.assignee() != null) {
            events.publishEvent(new TicketAssigned(after, before.assignee(), true));
        }
        if (!changed.isEmpty()) {
            events.publishEvent(new TicketCorrected(after, List.copyOf(changed)));
        }
        return after;
    }

    /** Every correction agents made on a ticket, oldest first. */
    public List<Correction> corrections(long id) {
        get(id);
        return corrections.findByTicket(id);
    }

    /**
     * Removes the text of forgotten examples (a deleted ticket's) from every stored explanation that cites them,
     * in the caller's transaction.
     */
    @Transactional
    public void forgetCitations(List<Long> exampleIds) {
        exampleIds.forEach(updates::redactCitations);
    }

    /** Groups tickets under an incident; each ticket that joins it is published as updated. */
    @Transactional
    public void attachToIncident(long incidentId, List<Long> ids) {
        for (long id : updates.attachToIncident(incidentId, ids, clock.instant())) {
            updated(id);
        }
    }

    @Transactional
    public void delete(long id) {
        Ticket ticket = get(id);
        if (!tickets.delete(id)) {
            throw notFound(id);
        }
        events.publishEvent(new TicketDeleted(id, ticket.createdBy()));
    }

    /**
     * Stores the engine's decision. Returns the routed ticket, or empty when the ticket is gone or no longer
     * pending: a late or repeated decision changes nothing.
     */
    @Transactional
    public Optional<Ticket> applyTriage(long id, TriageOutcome outcome) {
        if (!updates.applyTriage(id, outcome, clock.instant())) {
            return Optional.empty();
        }
        Ticket ticket = get(id);
        if (dueTimes.recompute(ticket, ticket.priority())) {
            ticket = get(id);
        }
        events.publishEvent(new TicketRouted(ticket));
        return Optional.of(ticket);
    }

    /**
     * Announces a routing decision again, changing nothing: for a classification job that runs a second time
     * because its worker died after committing the decision, perhaps before announcing it. Listeners that tell
     * clients drop a second announcement of one ticket's routing. Does nothing unless the ticket is routed.
     */
    @Transactional
    public void announceRoutingAgain(Ticket ticket) {
        if (ticket.status() == TicketStatus.ROUTED) {
            events.publishEvent(new TicketRouted(ticket));
        }
    }

    private Ticket updated(long id) {
        Ticket ticket = get(id);
        events.publishEvent(new TicketUpdated(ticket));
        return ticket;
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("No ticket with id " + id);
    }
}
