package io.tickettriage.knowledge;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.tickettriage.jobs.JobHandler;
import io.tickettriage.ticket.Ticket;
import io.tickettriage.ticket.TicketManagement;
import io.tickettriage.ticket.TicketStatus;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Brings a ticket's entry in the knowledge files in line with the ticket as it is now: present in its team's
 * file while the ticket is closed and teaches something, absent otherwise. Idempotent, so it may run any number
 * of times, and retried when the disk refuses.
 */
@Component
class KnowledgeFileJob implements JobHandler {

    static final String TYPE = "knowledge-file";
    private static final Logger log = LoggerFactory.getLogger(KnowledgeFileJob.class);

    private final TicketManagement tickets;
    private final KnowledgeFileWriter writer;

    KnowledgeFileJob(TicketManagement tickets, KnowledgeFileWriter writer) {
        this.tickets = tickets;
        this.writer = writer;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void handle(long ticketId) throws Exception {
        Optional<Ticket> ticket = tickets.find(ticketId)
                .filter(t -> t.status() == TicketStatus.CLOSED && TicketLearning.learnable(t));
        if (ticket.isEmpty()) {
            writer.remove(ticketId);
            return;
        }
        Ticket closed = ticket.get();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("title", closed.title());
        entry.put("description", closed.description());
        entry.put("team", closed.assignedTo());
        entry.put("priority", closed.priority().label());
        entry.put("level", closed.level().label());
        entry.put("ticket_id", closed.id());
        entry.put("closed_at", String.valueOf(closed.closedAt()));
        entry.put("source", "ticket");
        try {
            writer.upsert(closed.id(), closed.assignedTo(), entry);
        } catch (IOException e) {
            // The usual causes (a full disk, a read-only folder) need a person; the file on disk is left as it was.
            log.warn("Could not write ticket {} to the knowledge folder ({}); the file is left as it was and the "
                    + "write is retried", ticketId, e.toString());
            throw e;
        }
    }

    /**
     * A full or read-only knowledge folder is usually put right by a person, within the hour: with the default back-off, about
     * 1 h 15 min of attempts (waits grow to five minutes each) before the job gives up and says how to rewrite the files.
     */
    @Override
    public int maxAttempts(int configured) {
        return Math.max(configured, 20);
    }

    @Override
    public void giveUp(long ticketId, String reason) {
        log.error("Ticket {} could not be written to the knowledge files: {}. The database keeps the example; "
                + "POST /knowledge/export rewrites the files once the folder is writable.", ticketId, reason);
    }
}
