package io.tickettriage.ticket;

import java.time.Instant;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The due times a ticket's service-level targets give it, set in the transaction of the change that calls for them
 * (creation, routing, a new priority or team). Without a {@link ServiceLevelTargets} the defaults apply.
 */
@Component
class DueTimes {

    private final TicketQueues queues;
    private final ObjectProvider<ServiceLevelTargets> targets;

    DueTimes(TicketQueues queues, ObjectProvider<ServiceLevelTargets> targets) {
        this.queues = queues;
        this.targets = targets;
    }

    /** What a new ticket of {@code priority} is given. */
    ServiceLevelTargets.Target target(Priority priority) {
        return targets().target(priority);
    }

    /** Sets the due times {@code priority}'s targets give the ticket; false when they were set already. */
    boolean recompute(Ticket ticket, Priority priority) {
        if (ticket.firstResponseDue() == null || ticket.resolutionDue() == null) {
            return false; // created before service levels existed
        }
        ServiceLevelTargets targets = targets();
        ServiceLevelTargets.Target target = targets.target(priority);
        String team = ticket.assignedTo();
        Instant start = ticket.createdAt().plusMillis(queues.pausedMillis(ticket.id()));
        Instant firstResponse = targets.after(team, start, target.firstResponse());
        Instant resolution = targets.after(team, start, target.resolution());
        if (firstResponse.equals(ticket.firstResponseDue()) && resolution.equals(ticket.resolutionDue())) {
            return false;
        }
        // 80% of a team's working time is not 80% of the calendar time between start and due: stored then
        boolean calendar = targets.calendarTime(team);
        queues.setDueTimes(ticket.id(), firstResponse, resolution,
                calendar ? null : targets.after(team, start, target.firstResponse().multipliedBy(4).dividedBy(5)),
                calendar ? null : targets.after(team, start, target.resolution().multipliedBy(4).dividedBy(5)));
        return true;
    }

    private ServiceLevelTargets targets() {
        return targets.getIfAvailable(() -> ServiceLevelTargets.DEFAULT);
    }
}
