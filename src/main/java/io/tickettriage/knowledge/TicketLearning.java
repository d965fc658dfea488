package io.tickettriage.knowledge;

import java.util.List;

import io.tickettriage.jobs.JobQueue;
import io.tickettriage.ticket.Ticket;
import io.tickettriage.ticket.TicketEvents.TicketClosed;
import io.tickettriage.ticket.TicketEvents.TicketCorrected;
import io.tickettriage.ticket.TicketEvents.TicketDeleted;
import io.tickettriage.ticket.TicketEvents.TicketReopened;
import io.tickettriage.ticket.TicketManagement;
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
    private final TicketManagement tickets;

    TicketLearning(KnowledgeBase knowledge, JobQueue jobs, TicketManagement tickets) {
        this.knowledge = knowledge;
        this.jobs = jobs;
        this.tickets = tickets;
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

    /**
     * A deleted ticket is forgotten everywhere, in the same transaction: its example (so the index of every
     * process drops it, and models retrain without it), and its text in other tickets' explanations; the
     * knowledge file follows by a job, as for a reopened ticket.
     */
    @EventListener
    void on(TicketDeleted event) {
        List<Long> removed = knowledge.forgetTicket(event.id());
        tickets.forgetCitations(removed);
        jobs.enqueue(KnowledgeFileJob.TYPE, event.id());
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
