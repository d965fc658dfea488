package io.tickettriage.jobs;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Gives ticket intake the processor during a flood. When tickets arrive faster than {@code floodPerSecond}, which
 * is more than the workers can route on a small machine anyway, each worker rests after a job for a multiple of
 * the time the job took, so that routing takes at most {@code share} of a worker's time. Requests then keep their
 * latency while the backlog grows, and the workers catch up at full speed once the flood is over; the routing work
 * is the same, only later. Without a flood the workers never wait here.
 *
 * <p>Arrivals are counted per second in two counters; a flood is the previous whole second, or the current one so
 * far, reaching the rate.
 */
final class IntakePacing {

    private final int floodPerSecond;
    private final double share;
    private final LongSupplier nanoTime;
    private final AtomicLong second = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong arrivalsThisSecond = new AtomicLong();
    private volatile long arrivalsLastSecond;

    /**
     * @param floodPerSecond arrivals per second from which intake goes first; 0 or less never paces
     * @param share          the part of a worker's time routing keeps during a flood, above 0 and at most 1
     */
    IntakePacing(int floodPerSecond, double share, LongSupplier nanoTime) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be in (0, 1], was " + share);
        }
        this.floodPerSecond = floodPerSecond;
        this.share = share;
        this.nanoTime = nanoTime;
    }

    /** A ticket (a job) arrived. */
    void arrived() {
        if (floodPerSecond <= 0) {
            return;
        }
        long now = TimeUnit.NANOSECONDS.toSeconds(nanoTime.getAsLong());
        long current = second.get();
        if (now != current && second.compareAndSet(current, now)) {
            // the first arrival of a new second closes the previous one; an idle gap of a second or more counts 0
            long closed = arrivalsThisSecond.getAndSet(0);
            arrivalsLastSecond = now == current + 1 ? closed : 0;
        }
        arrivalsThisSecond.incrementAndGet();
    }

    boolean flooding() {
        if (floodPerSecond <= 0) {
            return false;
        }
        long now = TimeUnit.NANOSECONDS.toSeconds(nanoTime.getAsLong());
        long current = second.get();
        if (now == current) {
            return arrivalsLastSecond >= floodPerSecond || arrivalsThisSecond.get() >= floodPerSecond;
        }
        return now == current + 1 && arrivalsThisSecond.get() >= floodPerSecond;
    }

    /** How long a worker rests after a job that took {@code jobNanos}: zero unless there is a flood. */
    long restNanos(long jobNanos) {
        return flooding() ? (long) (jobNanos * (1 - share) / share) : 0;
    }
}
