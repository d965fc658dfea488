package io.tickettriage.realtime;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messages waiting for one client, written by a virtual thread of its own, so that a slow or stalled
 * client delays nobody else. When its backlog is full or a write fails the client is given up: the owner
 * closes the connection and the client reconnects.
 */
final class Outbox<T> {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final Object CLOSED = new Object();

    /** Writes one message to the client; may block. */
    interface Writer<T> {
        void write(T message) throws Exception;
    }

    private final BlockingQueue<Object> queue;
    private final int capacity;
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final Writer<T> writer;
    private final Runnable onGiveUp;

    /**
     * @param onGiveUp runs once, on any thread, when the client falls too far behind or a write fails
     */
    Outbox(String name, int capacity, Writer<T> writer, Runnable onGiveUp) {
        // one extra slot so that the closing marker always fits
        // a linked queue: an array of the whole capacity would cost every idle connection kilobytes
        this.queue = new LinkedBlockingQueue<>(capacity + 1);
        this.capacity = capacity;
        this.writer = writer;
        this.onGiveUp = onGiveUp;
        Thread.ofVirtual().name(name).start(this::drain);
    }

    /** Queues a message; false when the outbox is closed or has just given up on a client too far behind. */
    boolean offer(T message) {
        if (!open.get()) {
            return false;
        }
        if (queue.size() >= capacity || !queue.offer(message)) {
            giveUp("its backlog is full");
            return false;
        }
        return true;
    }

    /** Stops writing; messages still queued are dropped. Safe to call more than once. */
    void close() {
        if (open.compareAndSet(true, false)) {
            queue.clear();
            queue.offer(CLOSED);
        }
    }

    boolean isOpen() {
        return open.get();
    }

    @SuppressWarnings("unchecked")
    private void drain() {
        try {
            while (true) {
                Object message = queue.take();
                if (message == CLOSED) {
                    return;
                }
                writer.write((T) message);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.debug("Write to a live client failed", e);
            giveUp("a write failed: " + e.getMessage());
        }
    }

    private void giveUp(String reason) {
        if (open.compareAndSet(true, false)) {
            log.debug("Disconnecting a live client: {}", reason);
            queue.clear();
            queue.offer(CLOSED);
            try {
                onGiveUp.run();
            } catch (RuntimeException e) {
                // The container may have ended the response already (an SSE client that left makes Tomcat refuse
                // complete() with IllegalStateException); there is nothing left to close, and nobody to tell.
                log.debug("Closing a live client that had gone failed", e);
            }
        }
    }
}
