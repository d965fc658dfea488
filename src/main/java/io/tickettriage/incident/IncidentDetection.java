package io.tickettriage.incident;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tickettriage.incident.IncidentStore.RecentTicket;
import io.tickettriage.knowledge.Vectors;
import io.tickettriage.system.NotFoundException;
import io.tickettriage.incident.IncidentStore.TicketState;
import io.tickettriage.ticket.PossibleDuplicate;
import io.tickettriage.ticket.TicketManagement;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What one ticket cannot show: whether it repeats an open ticket, and whether it is one of a burst of similar
 * tickets (an outage, a phishing wave). The entry point of this module; triage calls it with each ticket's
 * embedding, so nothing is embedded twice.
 *
 * <p>Correct with any number of worker processes. Assessments take turns through a row lock in the database
 * ({@link IncidentStore#nextSeq()}); each process keeps recent tickets' vectors in memory, oldest first, and
 * before each assessment reads what the others stored or grouped since its last one. Whether a possible
 * duplicate is still open is read from the tickets table at that moment, so a ticket closed or deleted through
 * any API process is never offered.
 */
@Service
public class IncidentDetection {

    /** What was found for a ticket. */
    public record Assessment(List<PossibleDuplicate> duplicates, @Nullable Long incidentId) {
    }

    private static final int MAX_DUPLICATES = 5;
    /** Candidates checked against the tickets table: a few closed ones may hide behind the best. */
    private static final int DUPLICATE_CANDIDATES = 20;

    private final IncidentStore store;
    private final TicketManagement tickets;
    private final IncidentProperties properties;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private @Nullable Deque<Entry> recent;
    private final Map<Long, Entry> byTicket = new HashMap<>();
    private long lastSeq;

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
        try {
            return transactions.execute(status -> assessInTransaction(ticketId, title, vector, createdAt));
        } catch (RuntimeException e) {
            // The memory may hold changes the database rolled back: read it afresh next time.
            recent = null;
            throw e;
        }
    }

    private Assessment assessInTransaction(long ticketId, String title, float[] vector, Instant createdAt) {
        long seq = store.nextSeq();
        Deque<Entry> window = window(createdAt);
        List<Match> matches = new ArrayList<>();
        for (Entry entry : window) {
            if (entry.ticketId != ticketId) {
                matches.add(new Match(entry, Vectors.dot(vector, entry.vector)));
            }
        }
        List<PossibleDuplicate> duplicates = openDuplicates(matches);

        // A storm is a burst in time, whichever order its tickets are assessed in.
        Instant stormStart = createdAt.minus(properties.window());
        Instant stormEnd = createdAt.plus(properties.window());
        List<Entry> inWindow = window.stream()
                .filter(e -> e.ticketId != ticketId && !e.createdAt.isBefore(stormStart) && !e.createdAt.isAfter(stormEnd))
                .toList();
        List<Entry> similar = inWindow.stream()
                .filter(e -> Vectors.dot(vector, e.vector) >= properties.similarity())
                .toList();
        Long incidentId = similar.stream().map(e -> e.incidentId).filter(id -> id != null).findFirst().orElse(null);
        boolean detected = false;
        if (incidentId != null) {
            // A storm under way: this ticket, and similar ones not yet grouped, join its incident.
            attach(incidentId, similar, ticketId, seq);
        } else if (!similar.isEmpty()) {
            // Phrasings drift within a storm: tickets similar to one similar to this one belong too, though not to
            // this one. They count towards the storm, or whether one is found would depend on the order in which
            // its tickets happen to be assessed.
            List<Entry> members = new ArrayList<>(similar);
            for (Entry candidate : inWindow) {
                if (!members.contains(candidate) && candidate.incidentId == null && similar.stream()
                        .anyMatch(member -> Vectors.dot(member.vector, candidate.vector) >= properties.similarity())) {
                    members.add(candidate);
                }
            }
            if (members.size() + 1 >= properties.minTickets()) {
                incidentId = store.insertIncident(title, createdAt);
                attach(incidentId, members, ticketId, seq);
                detected = true;
            }
        }
        store.saveVector(ticketId, vector, createdAt, seq, incidentId);
        Entry entry = new Entry(ticketId, vector, createdAt, incidentId);
        window.addLast(entry);
        byTicket.put(ticketId, entry);
        lastSeq = seq;
        if (detected) {
            events.publishEvent(new IncidentDetected(store.find(incidentId).orElseThrow()));
        }
        return new Assessment(duplicates, incidentId);
    }

    /** The most similar matches that are still open tickets, asked of the database, not of this process's memory. */
    private List<PossibleDuplicate> openDuplicates(List<Match> matches) {
        List<Match> candidates = matches.stream()
                .filter(m -> m.similarity() >= properties.duplicateSimilarity())
                .sorted(Comparator.comparingDouble(Match::similarity).reversed())
                .limit(DUPLICATE_CANDIDATES)
                .toList();
        if (candidates.isEmpty()) {
            return List.of();
        }
        Map<Long, TicketState> states = new HashMap<>();
        store.states(candidates.stream().map(m -> m.entry().ticketId).toList())
                .forEach(state -> states.put(state.ticketId(), state));
        for (Match candidate : candidates) {
            if (!states.containsKey(candidate.entry().ticketId)) {
                forget(candidate.entry());
            }
        }
        return candidates.stream()
                .filter(m -> states.containsKey(m.entry().ticketId) && !states.get(m.entry().ticketId).closed())
                .limit(MAX_DUPLICATES)
                .map(m -> new PossibleDuplicate(m.entry().ticketId, Math.round(m.similarity() * 1000) / 1000d,
                        states.get(m.entry().ticketId).createdBy()))
                .toList();
    }

    private void attach(long incidentId, List<Entry> entries, long ticketId, long seq) {
        List<Long> members = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.incidentId == null) {
                entry.incidentId = incidentId;
                members.add(entry.ticketId);
            }
        }
        store.attach(incidentId, members, seq);
        members.add(ticketId);
        tickets.attachToIncident(incidentId, members);
    }

    public Incident incident(long id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("No incident with id " + id));
    }

    public List<Incident> latest(int limit) {
        return store.latest(limit);
    }

    /**
     * Recent tickets within the duplicate horizon of {@code now}: loaded from the database on first use, then
     * brought up to date with what other processes' assessments stored or grouped since this one's last.
     */
    private Deque<Entry> window(Instant now) {
        Instant horizon = now.minus(properties.duplicateHorizon());
        if (recent == null) {
            recent = new ArrayDeque<>();
            byTicket.clear();
            lastSeq = 0;
            for (RecentTicket ticket : store.recent(horizon)) {
                add(ticket);
            }
        } else {
            store.changedAfter(lastSeq).forEach(this::add);
        }
        while (!recent.isEmpty() && (recent.peekFirst().createdAt.isBefore(horizon)
                || recent.size() > properties.maxRecent())) {
            byTicket.remove(recent.pollFirst().ticketId);
        }
        return recent;
    }

    private void add(RecentTicket ticket) {
        lastSeq = Math.max(lastSeq, ticket.seq());
        Entry known = byTicket.get(ticket.ticketId());
        if (known != null) {
            known.incidentId = ticket.incidentId();
            return;
        }
        Entry entry = new Entry(ticket.ticketId(), ticket.vector(), ticket.createdAt(), ticket.incidentId());
        recent.addLast(entry);
        byTicket.put(ticket.ticketId(), entry);
    }

    /** A deleted ticket: its vector row went with it. */
    private void forget(Entry entry) {
        recent.remove(entry);
        byTicket.remove(entry.ticketId);
    }
}
