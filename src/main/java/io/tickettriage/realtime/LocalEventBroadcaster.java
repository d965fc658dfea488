package io.tickettriage.realtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * In-process fan-out, the default. One thread delivers events in the order they were committed, so a client
 * never sees {@code ticket_routed} before {@code ticket_created}; the committing thread only hands the event
 * over, so a request or a triage worker never waits for clients.
 *
 * <p>A ticket is routed once, and its clients hear {@code ticket_routed} once: a classification job that runs
 * again because its worker died between committing the decision and announcing it announces the decision again
 * (see {@code ClassifyTicketJob}), and when the first announcement did get out the copy is dropped here. The
 * tickets recently announced are remembered in a bounded table, far longer than a job waits to be taken over.
 */
final class LocalEventBroadcaster implements EventBroadcaster, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LocalEventBroadcaster.class);

    static final int REMEMBERED_ROUTINGS = 50_000;

    private final List<LocalClients> transports;
    private final JsonMapper json;
    private final ExecutorService fanOut = Executors.newSingleThreadExecutor(Thread.ofPlatform()
            .name("realtime-fan-out").daemon(true).factory());
    /** Tickets whose {@code ticket_routed} went out, oldest first; touched by the fan-out thread only. */
    private final Map<Long, Boolean> announcedRoutings = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > REMEMBERED_ROUTINGS;
        }
    };

    LocalEventBroadcaster(List<LocalClients> transports, JsonMapper json) {
        this.transports = List.copyOf(transports);
        this.json = json;
    }

    @Override
    public void broadcast(LiveEvent event) {
        fanOut.execute(() -> {
            if (announcedBefore(event)) {
                return;
            }
            for (LocalClients clients : transports) {
                try {
                    clients.deliver(event);
                } catch (RuntimeException e) {
                    // one transport failing must not starve the other
                    log.warn("Could not deliver {} to {}", event.name(), clients.getClass().getSimpleName(), e);
                }
            }
        });
    }

    private boolean announcedBefore(LiveEvent event) {
        if (!LiveEvent.TICKET_ROUTED.equals(event.name())) {
            return false;
        }
        try {
            long ticketId = json.readTree(event.data()).path("id").asLong(-1);
            return ticketId >= 0 && announcedRoutings.put(ticketId, Boolean.TRUE) != null;
        } catch (JacksonException e) {
            return false;
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        fanOut.shutdown();
        fanOut.awaitTermination(2, TimeUnit.SECONDS);
    }
}
