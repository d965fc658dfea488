package io.tickettriage.connector.glpi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.tickettriage.connector.HelpdeskException;

/**
 * What changed in GLPI since a cursor, for polling (GLPI 10 has no webhooks). GLPI moves a ticket's
 * {@code date_mod} on every change to it, its group assignments and follow-ups included, so tickets are read newest
 * change first ({@code sort=date_mod&order=DESC}) down to the cursor and handed over oldest first.
 *
 * <p>The cursor is the last {@code date_mod} handled and the ids handled at exactly that second
 * ({@code 2026-01-05 09:00:03|101,102}): {@code date_mod} has one-second steps, and two tickets changed in the same
 * second must be neither missed nor taken twice. A blank cursor starts at GLPI's latest change: the history before
 * the connector was switched on is for {@code import}, not for triage.
 */
final class GlpiChanges {

    /** Changed tickets, oldest change first, and the cursor once they are all handled. */
    record Batch(List<GlpiTicket> tickets, String cursor) {
    }

    private static final Comparator<GlpiTicket> OLDEST_FIRST =
            Comparator.comparing(GlpiTicket::modified).thenComparingLong(GlpiTicket::id);

    private final GlpiApi api;
    private final int pageSize;
    private final int maxTickets;

    GlpiChanges(GlpiApi api, int pageSize, int maxTickets) {
        this.api = api;
        this.pageSize = pageSize;
        this.maxTickets = maxTickets;
    }

    Batch since(String cursor) throws HelpdeskException {
        if (cursor == null || cursor.isBlank()) {
            List<GlpiTicket> newest = api.tickets(0, 1, "date_mod", true).items();
            return new Batch(List.of(), newest.isEmpty() ? "0000-00-00 00:00:00|"
                    : newest.getFirst().modified() + "|" + newest.getFirst().id());
        }
        String after = cursor.substring(0, cursor.indexOf('|') < 0 ? cursor.length() : cursor.indexOf('|'));
        Set<Long> seen = seen(cursor);
        List<GlpiTicket> changed = new ArrayList<>();
        read:
        for (int start = 0; ; start += pageSize) {
            GlpiApi.Page<GlpiTicket> page = api.tickets(start, pageSize, "date_mod", true);
            for (GlpiTicket ticket : page.items()) {
                int order = ticket.modified().compareTo(after);
                if (order < 0) {
                    break read;
                }
                if (order > 0 || !seen.contains(ticket.id())) {
                    changed.add(ticket);
                }
            }
            if (page.items().size() < pageSize || start + page.items().size() >= page.total()) {
                break;
            }
        }
        changed.sort(OLDEST_FIRST);
        // All changes down to the cursor are read (newest first); only the oldest are handed over when there are
        // many, and the cursor then stops at them, the same second's remaining ones included next time.
        List<GlpiTicket> batch = changed.size() > maxTickets ? changed.subList(0, maxTickets) : changed;
        return new Batch(List.copyOf(batch), next(after, seen, batch));
    }

    private static String next(String after, Set<Long> seen, List<GlpiTicket> batch) {
        if (batch.isEmpty()) {
            return after + "|" + join(seen);
        }
        String last = batch.getLast().modified();
        Set<Long> ids = new TreeSet<>(last.equals(after) ? seen : Set.of());
        batch.stream().filter(t -> t.modified().equals(last)).forEach(t -> ids.add(t.id()));
        return last + "|" + join(ids);
    }

    private static Set<Long> seen(String cursor) {
        int bar = cursor.indexOf('|');
        Set<Long> ids = new LinkedHashSet<>();
        if (bar >= 0) {
            for (String id : cursor.substring(bar + 1).split(",")) {
                if (id.matches("[0-9]{1,18}")) {
                    ids.add(Long.parseLong(id));
                }
            }
        }
        return ids;
    }

    private static String join(Set<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
