package io.tickettriage.jobs;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The number of unfinished jobs against their bound. Counting rows on every request would cost the database more
 * than the request itself under load, so the count is read again at most once per refresh interval, by whichever
 * caller finds it stale first; the others use the last count. The bound can therefore be overshot by what arrives
 * in one interval, which is what makes it cheap.
 */
final class Backlog {

    static final Duration REFRESH_INTERVAL = Duration.ofMillis(100);

    private static final Logger log = LoggerFactory.getLogger(Backlog.class);

    private final LongSupplier count;
    private final long bound;
    private final long refreshNanos;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile long lastCount;
    private volatile long countedAt;
    private volatile boolean wasFull;
    private final boolean announces;

    Backlog(LongSupplier count, long bound, Duration refreshInterval) {
        this(count, bound, refreshInterval, true);
    }

    /**
     * @param announces whether reaching and leaving the bound is logged (the whole backlog's is; one requester's
     *                  share is not, or a client could fill the log)
     */
    Backlog(LongSupplier count, long bound, Duration refreshInterval, boolean announces) {
        this.announces = announces;
        this.count = count;
        this.bound = bound;
        this.refreshNanos = refreshInterval.toNanos();
        this.countedAt = System.nanoTime() - refreshNanos - 1;
    }

    long lastCount() {
        return lastCount;
    }

    boolean full() {
        if (bound <= 0) {
            return false;
        }
        long now = System.nanoTime();
        if (now - countedAt > refreshNanos && refreshing.compareAndSet(false, true)) {
            try {
                lastCount = count.getAsLong();
                countedAt = now;
            } catch (RuntimeException e) {
                // The database is busy or away: the request that follows will find out and answer for itself, and
                // the next requests do not wait for a count again before the next interval.
                countedAt = now;
                log.debug("Could not count unfinished jobs: {}", e.getMessage());
            } finally {
                refreshing.set(false);
            }
        }
        boolean full = lastCount >= bound;
        if (full != wasFull && announces) {
            wasFull = full;
            if (full) {
                log.warn("{} unfinished jobs reached the bound of {}; new tickets are refused with 503 until the "
                        + "workers catch up (TRIAGE_JOBS_MAX_PENDING)", lastCount, bound);
            } else {
                log.info("Unfinished jobs are below the bound of {} again; new tickets are accepted", bound);
            }
        }
        return full;
    }
}
