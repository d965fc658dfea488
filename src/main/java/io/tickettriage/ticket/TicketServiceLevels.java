package io.tickettriage.ticket;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.tickettriage.ticket.TicketEvents.ServiceLevelBreached;
import io.tickettriage.ticket.TicketEvents.ServiceLevelWarning;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The service-level bookkeeping of tickets, for the check in the assignment module that watches it: first responses,
 * and the warnings and breaches due. Each announcement follows a conditional UPDATE of the ticket's flag (see
 * {@link TicketQueues}), so that of several processes checking at once one announces. The due times themselves are
 * set with each ticket's changes, by {@link DueTimes}.
 */
@Service
public class TicketServiceLevels {

    private final TicketManagement tickets;
    private final TicketQueues queues;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TicketServiceLevels(TicketManagement tickets, TicketQueues queues, ApplicationEventPublisher events, Clock clock) {
        this.tickets = tickets;
        this.queues = queues;
        this.events = events;
        this.clock = clock;
    }

    /** Records the first public answer of an agent on a ticket; later answers change nothing. */
    @Transactional
    public void recordFirstResponse(long id) {
        // No ticket_updated of its own: the comment's new_comment is the change clients hear of, once, as the
        // original design's clients expect; a client that shows response times reads the ticket again on it.
        queues.recordFirstResponse(id, clock.instant());
    }

    /** Open tickets due a warning: 80% of the time to {@code measure}'s target has passed. */
    public List<Long> warningsDue(ServiceLevelMeasure measure, int limit) {
        return queues.warningsDue(measure, clock.instant(), limit);
    }

    /** The earliest moment a service-level warning or breach will be due on an open ticket; empty when none. */
    public Optional<Instant> nextMoment() {
        return Stream.of(ServiceLevelMeasure.values())
                .map(queues::nextMoment)
                .flatMap(Optional::stream)
                .min(Instant::compareTo);
    }

    /** Open tickets past {@code measure}'s due time and not announced yet. */
    public List<Long> breachesDue(ServiceLevelMeasure measure, int limit) {
        return queues.breachesDue(measure, clock.instant(), limit);
    }

    /**
     * Records and announces a warning ({@code sla_warning}) unless it was already, or no longer applies; of several
     * processes that try at once, one does.
     */
    @Transactional
    public boolean warn(long id, ServiceLevelMeasure measure) {
        if (!queues.markWarned(id, measure, clock.instant())) {
            return false;
        }
        events.publishEvent(new ServiceLevelWarning(tickets.get(id), measure));
        return true;
    }

    /** Records and announces a breach ({@code sla_breached}), once, like {@link #warn}. */
    @Transactional
    public boolean recordBreach(long id, ServiceLevelMeasure measure) {
        if (!queues.markBreached(id, measure, clock.instant())) {
            return false;
        }
        events.publishEvent(new ServiceLevelBreached(tickets.get(id), measure));
        return true;
    }
}
