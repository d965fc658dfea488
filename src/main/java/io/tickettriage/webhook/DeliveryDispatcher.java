package io.tickettriage.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Takes due deliveries from the outbox and sends each on a virtual thread of its own, so that a slow receiver holds
 * up nothing but its own deliveries: at most {@code TRIAGE_WEBHOOKS_PER_ENDPOINT} in flight per subscription (the
 * others' deliveries are looked up past it) and {@code TRIAGE_WEBHOOKS_MAX_IN_FLIGHT} in all. No database connection
 * is held while a receiver is being waited for.
 *
 * <p>Every process runs one; woken at once by a local commit, it also polls, for retries that fall due and for
 * deliveries recorded by other processes sharing the database. Which process sends a delivery is decided by the
 * database ({@code DeliveryStore.claim}), so each is sent by one process at a time.
 */
final class DeliveryDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);
    private static final long CLEANUP_EVERY_MILLIS = TimeUnit.MINUTES.toMillis(10);
    private static final long MIN_PASS_GAP_MILLIS = 10;

    private final DeliveryStore deliveries;
    private final DeliveryAttempts attempts;
    private final WebhookProperties properties;
    private final Clock clock;
    private final boolean soleProcess;
    private final String senderId = UUID.randomUUID().toString();
    private final Semaphore signal = new Semaphore(0);
    private final Semaphore inFlight;
    private final Map<Long, Semaphore> perEndpoint = new ConcurrentHashMap<>();
    private final ExecutorService senders = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("webhook-delivery-", 0).factory());
    private volatile boolean running;
    private Thread loop;
    private long nextCleanup;

    /** @param soleProcess whether no other process can be sending from this database (an SQLite file) */
    DeliveryDispatcher(DeliveryStore deliveries, DeliveryAttempts attempts, WebhookProperties properties, Clock clock,
            boolean soleProcess) {
        this.deliveries = deliveries;
        this.attempts = attempts;
        this.properties = properties;
        this.clock = clock;
        this.soleProcess = soleProcess;
        this.inFlight = new Semaphore(properties.maxInFlight());
    }

    /** A delivery was just committed, or a sender finished: look for work now rather than at the next poll. */
    void wakeUp() {
        if (signal.availablePermits() == 0) {
            signal.release();
        }
    }

    @Override
    public void start() {
        if (soleProcess) {
            int released = deliveries.releaseAll(clock.instant());
            if (released > 0) {
                log.info("Resuming {} webhook delivery(ies) left in flight by the previous run", released);
            }
        }
        running = true;
        loop = Thread.ofPlatform().name("webhook-dispatcher").daemon().start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        if (loop != null) {
            loop.interrupt();
        }
        // deliveries in flight finish or are abandoned to their lease: either way they are sent (again) later
        senders.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try {
                if (!dispatchDue()) {
                    // Commits wake the loop, but a burst of them must not turn into back-to-back look-ups on the
                    // database the requests share (one connection with SQLite): at most one look every few ms.
                    Thread.sleep(MIN_PASS_GAP_MILLIS);
                    signal.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                }
                cleanUp();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // the database is locked or away: try again at the next poll
                log.warn("Webhook outbox unavailable: {}", e.getMessage());
                try {
                    Thread.sleep(properties.pollInterval());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** Starts what is due; true when there may be more due at once. */
    private boolean dispatchDue() {
        int free = inFlight.availablePermits();
        if (free == 0) {
            return false; // a sender that finishes wakes the loop
        }
        Instant now = clock.instant();
        List<DeliveryStore.Due> due = deliveries.due(now, busyEndpoints(), free);
        Map<Long, Semaphore> reserved = new HashMap<>();
        for (DeliveryStore.Due candidate : due) {
            Semaphore endpoint = endpoint(candidate.webhookId());
            if (!endpoint.tryAcquire()) {
                continue;
            }
            if (!inFlight.tryAcquire()) {
                endpoint.release();
                break;
            }
            reserved.put(candidate.id(), endpoint);
        }
        try {
            for (DeliveryStore.Claimed claimed : deliveries.claim(reserved.keySet(), now,
                    now.plus(properties.lease()), senderId)) {
                Semaphore endpoint = reserved.remove(claimed.id());
                senders.execute(() -> send(claimed, endpoint));
            }
        } finally {
            // those another process took first, or all of them when the database refused the claim
            reserved.values().forEach(this::release);
        }
        return !due.isEmpty() && due.size() == free;
    }

    private void send(DeliveryStore.Claimed delivery, Semaphore endpoint) {
        try {
            attempts.attempt(delivery);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // recording the outcome failed: the lease runs out and the delivery is sent again
            log.warn("Could not record webhook delivery {}: {}", delivery.deliveryId(), e.getMessage());
        } finally {
            release(endpoint);
        }
    }

    private void release(Semaphore endpoint) {
        endpoint.release();
        inFlight.release();
        wakeUp();
    }

    private Semaphore endpoint(long webhookId) {
        return perEndpoint.computeIfAbsent(webhookId, id -> new Semaphore(properties.perEndpoint()));
    }

    private List<Long> busyEndpoints() {
        return perEndpoint.entrySet().stream().filter(entry -> entry.getValue().availablePermits() == 0)
                .map(Map.Entry::getKey).toList();
    }

    private void cleanUp() {
        long now = clock.millis();
        if (now >= nextCleanup) {
            nextCleanup = now + CLEANUP_EVERY_MILLIS;
            int deleted = deliveries.deleteFinishedBefore(clock.instant().minus(properties.keepFor()));
            if (deleted > 0) {
                log.debug("Deleted {} finished webhook deliveries older than {}", deleted, properties.keepFor());
            }
        }
    }
}
