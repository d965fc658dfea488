package io.tickettriage.incident;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.tickettriage.incident.IncidentStore.RecentTicket;
import io.tickettriage.knowledge.Vectors;
import io.tickettriage.system.NotFoundException;
import io.tickettriage.ticket.PossibleDuplicate;
import io.tickettriage.ticket.TicketEvents.TicketClosed;
import io.tickettriage.ticket.TicketEvents.TicketDeleted;
import io.tickettriage.ticket.TicketEvents.TicketReopened;
import io.tickettriage.ticket.TicketManagement;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What one ticket cannot show: whether it repeats an open ticket, and whether it is one of a burst of similar
 * tickets (an outage, a phishing wave). The entry point of this module; triage calls it with each ticket's
 * embedding, so nothing is embedded twice.
 *
 * <p>Recent tickets' vectors are held in memory, oldest first, and dropped once older than the duplicate horizon;
 * they are persisted too, so a restart loses nothing.
 */
@Service
public class IncidentDetection {

    /** What was found for a ticket. */
    public record Assessment(List<PossibleDuplicate> duplicates, @Nullable Long incidentId) {
    }

    private static final int MAX_DUPLICATES = 5;
    private static final int CLOSED_SLACK = 1_000;

    private final IncidentStore store;
    private final TicketManagement tickets;
    private final IncidentProperties properties;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    // Updated by after-commit listeners without taking this object's lock: those run while their thread still
    // holds a database connection, and assess() takes the lock before it asks for one.
    private final Set<Long> closed = ConcurrentHashMap.newKeySet();
    private final Set<Long> deleted = ConcurrentHashMap.newKeySet();
    private Deque<Entry> recent;

    private static final class Entry {
        final long ticketId;
        final float[] vector;
        final Instant createdAt;
        @Nullable Long incidentId;

        Entry(long ticketId, float[] vector, Instant createdAt, @Nullable Long incidentId) {
            this.ticketId = ticketId;
            this.vector = vector;
            this.createdAt = createdAt;
            this.incidentId = incidentId;
        }
    }

    private record Match(Entry entry, double similarity) {
    }

    IncidentDetection(IncidentStore store, TicketManagement tickets, IncidentProperties properties,
            ApplicationEventPublisher events, PlatformTransactionManager transactionManager) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.store = store;
        this.tickets = tickets;
        this.properties = properties;
        this.events = events;
    }

    /**
     * Finds the ticket's duplicates and storm, and records its vector. The lock is taken before the transaction
     * begins: with SQLite a transaction holds the database's write lock, so the other order could deadlock.
     */
    public synchronized Assessment assess(long ticketId, String title, float[] vector, Instant createdAt) {
        return transactions.execute(status -> assessInTransaction(ticketId, title, vector, createdAt));
    }

    private Assessment assessInTransaction(long ticketId, String title, float[] vector, Instant createdAt) {
        Deque<Entry> window = window(createdAt);
        List<Match> matches = new ArrayList<>();
        for (Entry entry : window) {
            if (entry.ticketId != ticketId) {
                matches.add(new Match(entry, Vectors.dot(vector, entry.vector)));
            }
        }
        List<PossibleDuplicate> duplicates = matches.stream()
                .filter(m -> m.similarity() >= properties.duplicateSimilarity() && !closed.contains(m.entry().ticketId))
                .sorted(Comparator.comparingDouble(Match::similarity).reversed())
                .limit(MAX_DUPLICATES)
                .map(m -> new PossibleDuplicate(m.entry().ticketId, Math.round(m.similarity() * 1000) / 1000d))
                .toList();

        Instant stormStart = createdAt.minus(properties.window());
        List<Entry> inWindow = window.stream()
                .filter(e -> e.ticketId != ticketId && !e.createdAt.isBefore(stormStart) && !e.createdAt.isAfter(createdAt))
                .toList();
        List<Entry> similar = inWindow.stream()
                .filter(e -> Vectors.dot(vector, e.vector) >= properties.similarity())
                .toList();
        Long incidentId = similar.stream().map(e -> e.incidentId).filter(id -> id != null).findFirst().orElse(null);
        if (incidentId != null) {
            // A storm under way: this ticket, and similar ones not yet grouped, join its incident.
            attach(incidentId, similar, ticketId);
        } else if (similar.size() + 1 >= properties.minTickets()) {
            incidentId = store.insertIncident(title, createdAt);
            // Phrasings drift within a storm: tickets similar to a member belong too, though not to this one.
            List<Entry> members = new ArrayList<>(similar);
            for (Entry candidate : inWindow) {
                if (!members.contains(candidate) && candidate.incidentId == null && similar.stream()
                        .anyMatch(member -> Vectors.dot(member.vector, candidate.vector) >= properties.similarity())) {
                    members.add(candidate);
                }
            }
            attach(incidentId, members, ticketId);
            events.publishEvent(new IncidentDetected(store.find(incidentId).orElseThrow()));
        }
        store.saveVector(ticketId, vector, createdAt);
        window.addLast(new Entry(ticketId, vector, createdAt, incidentId));
        return new Assessment(duplicates, incidentId);
    }

    private void attach(long incidentId, List<Entry> entries, long ticketId) {
        List<Long> members = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.incidentId == null) {
                entry.incidentId = incidentId;
                members.add(entry.ticketId);
            }
        }
        members.add(ticketId);
        tickets.attachToIncident(incidentId, members);
    }

    public Incident incident(long id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("No incident with id " + id));
    }

    public List<Incident> latest(int limit) {
        return store.latest(limit);
    }

    @TransactionalEventListener
    void on(TicketClosed event) {
        closed.add(event.ticket().id());
    }

    @TransactionalEventListener
    void on(TicketReopened event) {
        closed.remove(event.ticket().id());
    }

    @TransactionalEventListener
    void on(TicketDeleted event) {
        deleted.add(event.id());
    }

    /** Recent tickets within the duplicate horizon of {@code now}, loaded from the database on first use. */
    private Deque<Entry> window(Instant now) {
        Instant horizon = now.minus(properties.duplicateHorizon());
        if (recent == null) {
            recent = new ArrayDeque<>();
            for (RecentTicket ticket : store.recent(horizon)) {
                recent.addLast(new Entry(ticket.ticketId(), ticket.vector(), ticket.createdAt(), ticket.incidentId()));
                if (ticket.closed()) {
                    closed.add(ticket.ticketId());
                }
            }
        }
        while (!recent.isEmpty() && (recent.peekFirst().createdAt.isBefore(horizon)
                || recent.size() > properties.maxRecent())) {
            closed.remove(recent.pollFirst().ticketId);
        }
        if (!deleted.isEmpty()) {
            recent.removeIf(entry -> deleted.contains(entry.ticketId));
            deleted.clear();
        }
        if (closed.size() > recent.size() + CLOSED_SLACK) {
            // Tickets closed long after they left the window (or before it) would otherwise be remembered forever.
            Set<Long> inWindow = new HashSet<>(recent.size() * 2);
            recent.forEach(entry -> inWindow.add(entry.ticketId));
            closed.retainAll(inWindow);
        }
        return recent;
    }
}
