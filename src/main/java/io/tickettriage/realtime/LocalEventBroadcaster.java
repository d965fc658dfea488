package io.tickettriage.realtime;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * In-process fan-out, the default. One thread delivers events in the order they were committed, so a client
 * never sees {@code ticket_routed} before {@code ticket_created}; the committing thread only hands the event
 * over, so a request or a triage worker never waits for clients.
 */
final class LocalEventBroadcaster implements EventBroadcaster, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LocalEventBroadcaster.class);

    private final List<LocalClients> transports;
    private final ExecutorService fanOut = Executors.newSingleThreadExecutor(Thread.ofPlatform()
            .name("realtime-fan-out").daemon(true).factory());

    LocalEventBroadcaster(List<LocalClients> transports) {
        this.transports = List.copyOf(transports);
    }

    @Override
    public void broadcast(LiveEvent event) {
        fanOut.execute(() -> {
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

    @Override
    public void destroy() throws InterruptedException {
        fanOut.shutdown();
        fanOut.awaitTermination(2, TimeUnit.SECONDS);
    }
}
