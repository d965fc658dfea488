package io.tickettriage.knowledge;

import io.tickettriage.jobs.JobQueue;
import io.tickettriage.ticket.Ticket;
import io.tickettriage.ticket.TicketEvents.TicketClosed;
import io.tickettriage.ticket.TicketEvents.TicketCorrected;
import io.tickettriage.ticket.TicketEvents.TicketReopened;
import io.tickettriage.ticket.TicketStatus;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The learning loop: what agents decide becomes knowledge. A closed ticket is learnt with its final team,
 * priority and tier, a corrected ticket with the agent's labels, and a reopened one is forgotten. It runs inside
 * the transaction that changed the ticket, so the ticket and what was learnt from it commit together; the
 * knowledge file is brought up to date by a durable job after that commit.
 */
@Component
class TicketLearning {

    /** Fewer letters than this is a junk ticket ("help", "asdf"): nothing to learn from. */
    static final int MIN_LETTERS = 12;

    private final KnowledgeBase knowledge;
    private final JobQueue jobs;

    TicketLearning(KnowledgeBase knowledge, JobQueue jobs) {
        this.knowledge = knowledge;
        this.jobs = jobs;
    }

    @EventListener
    void on(TicketClosed event) {
        learnOrForget(event.ticket());
        jobs.enqueue(KnowledgeFileJob.TYPE, event.ticket().id());
    }

    @EventListener
    void on(TicketReopened event) {
        knowledge.forgetTicket(event.ticket().id());
        jobs.enqueue(KnowledgeFileJob.TYPE, event.ticket().id());
    }

    @EventListener
    void on(TicketCorrected event) {
        learnOrForget(event.ticket());
        if (event.ticket().status() == TicketStatus.CLOSED) {
            jobs.enqueue(KnowledgeFileJob.TYPE, event.ticket().id());
        }
    }

    private void learnOrForget(Ticket ticket) {
        if (learnable(ticket)) {
            knowledge.learnFromTicket(ticket.id(), ticket.assignedTo(), ticket.title(), ticket.description(),
                    ticket.priority(), ticket.level());
        } else {
            knowledge.forgetTicket(ticket.id());
        }
    }

    /** A ticket teaches only when a real team owns it and its text says something. */
    static boolean learnable(Ticket ticket) {
        String team = ticket.assignedTo();
        if (team == null || team.isBlank() || Ticket.MANUAL_REVIEW.equals(team)) {
            return false;
        }
        String text = TicketText.of(ticket.title(), ticket.description());
        return text.codePoints().filter(Character::isLetter).count() >= MIN_LETTERS;
    }
}
