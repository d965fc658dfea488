package io.tickettriage.realtime;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports packets the Socket.IO libraries could not parse. A client decides what it sends, so one that sends
 * nothing but malformed packets must not be able to fill the log: each report is one short line without a stack
 * trace, and at most one line per interval is written, counting the reports it stands for.
 */
final class BadPackets {

    private static final Logger log = LoggerFactory.getLogger(BadPackets.class);
    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final int MAX_MESSAGE = 120;

    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - INTERVAL_NANOS - 1);
    private final AtomicLong unreported = new AtomicLong();

    /** Records one refused packet; logs it unless a line was written within the interval. */
    void refused(String transport, String address, Throwable failure) {
        long count = unreported.incrementAndGet();
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last < INTERVAL_NANOS || !lastLogged.compareAndSet(last, now)) {
            return;
        }
        unreported.addAndGet(-count);
        log.warn("Refused a malformed Socket.IO packet over {} from {}: {} ({} refused since the last report)",
                transport, address, describe(failure), count);
    }

    /** The failure's class and the start of its message on one line: a message may quote what the client sent. */
    static String describe(Throwable failure) {
        String message = String.valueOf(failure.getMessage()).replaceAll("[\\p{Cntrl}]", " ");
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE) + "...";
        }
        return failure.getClass().getSimpleName() + ": " + message;
    }
}
