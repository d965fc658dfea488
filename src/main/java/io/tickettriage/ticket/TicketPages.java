package io.tickettriage.ticket;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.jspecify.annotations.Nullable;

/**
 * The tickets of a list without a limit, read a page of rows at a time while the answer is written: such a list
 * may hold thousands of tickets, and neither they nor their JSON are ever held in memory at once. Each page is
 * its own short query, so no connection or read transaction stays open while a slow client reads.
 */
final class TicketPages implements Iterator<Ticket> {

    /** Rows read per query: large enough to cost little per ticket, small enough to keep memory flat. */
    static final int PAGE = 500;

    private final TicketManagement tickets;
    private final TicketQuery query;
    private final @Nullable Long stopAt;
    private List<Ticket> page = List.of();
    private int next;
    private boolean last;
    private @Nullable Long before;

    /**
     * @param query  the filters and the cursor to start after; its limit is ignored
     * @param stopAt the id of the last ticket to list when more follow it (null: list to the end). An id, not a
     *               count: tickets created meanwhile have higher ids and are listed too, and the next page, which
     *               starts after this id, misses none.
     */
    private TicketPages(TicketManagement tickets, TicketQuery query, @Nullable Long stopAt) {
        this.tickets = tickets;
        this.query = query;
        this.stopAt = stopAt;
        this.before = query.beforeId();
    }

    /**
     * The tickets as a stream that reads further pages as it is consumed. The first page is read at once, before
     * anything is written, so that a database that is busy or gone is answered like for any other request.
     */
    static Stream<Ticket> stream(TicketManagement tickets, TicketQuery query, @Nullable Long stopAt) {
        TicketPages pages = new TicketPages(tickets, query, stopAt);
        pages.hasNext();
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(pages,
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    @Override
    public boolean hasNext() {
        if (next == page.size() && !last) {
            page = tickets.list(query.page(before, PAGE));
            next = 0;
            last = page.size() < PAGE;
            if (!page.isEmpty()) {
                before = page.getLast().id();
            }
        }
        return next < page.size() && (stopAt == null || page.get(next).id() >= stopAt);
    }

    @Override
    public Ticket next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return page.get(next++);
    }
}
