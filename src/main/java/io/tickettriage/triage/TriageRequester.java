package io.tickettriage.triage;

import io.tickettriage.jobs.JobQueue;
import io.tickettriage.ticket.TicketEvents.TicketCreated;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Records a classify job for every new ticket. It listens synchronously, inside the creating transaction:
 * the ticket and its job are committed together or not at all, so no ticket is saved without its job.
 */
@Component
class TriageRequester {

    private final JobQueue jobs;

    TriageRequester(JobQueue jobs) {
        this.jobs = jobs;
    }

    @EventListener
    void on(TicketCreated event) {
        jobs.enqueue(ClassifyTicketJob.TYPE, event.ticket().id());
    }
}
