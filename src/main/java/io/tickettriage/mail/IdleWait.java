package io.tickettriage.mail;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * Waiting for new mail in IMAP IDLE (RFC 2177): the server tells the open connection when a message arrives, so it is
 * taken in at once instead of at the next poll. The wait is bounded: a NAT or firewall may drop a quiet connection
 * without telling either end, and the only way to find out is to talk on it, so IDLE is ended after a while and the
 * mailbox looked at again (which is also the safety net for a notification that never came).
 */
final class IdleWait {

    private final Duration timeout;
    private volatile Semaphore alarmClock = new Semaphore(0);
    private volatile boolean stopped;

    IdleWait(Duration timeout) {
        this.timeout = timeout;
    }

    /** Whether this connection's server offers IDLE. */
    static boolean offeredBy(Store imap) throws MessagingException {
        return imap instanceof IMAPStore store && store.hasCapability("IDLE");
    }

    /** Ends the current wait, if any, and every later one at once. */
    void stop() {
        stopped = true;
        alarmClock.release();
    }

    /**
     * Waits in IDLE until the server reports a change in the folder, or {@code bound} has passed, or {@link #stop()}.
     * A connection that broke while waiting ends the wait with the exception.
     */
    void await(IMAPFolder folder, Duration bound) throws MessagingException {
        Semaphore ring = new Semaphore(0);
        alarmClock = ring;
        if (stopped) {
            return;
        }
        // A message announced while IDLE was being started (the server sends what is pending first) is counted by
        // the folder but does not end the wait: ring the alarm for it.
        MessageCountAdapter arrivals = new MessageCountAdapter() {
            @Override
            public void messagesAdded(MessageCountEvent event) {
                ring.release();
            }
        };
        folder.addMessageCountListener(arrivals);
        // Angus ends an IDLE when another thread uses the folder: a NOOP from this thread is the alarm. Its answer
        // also proves the connection alive; a dropped one is broken by the read time-out instead.
        Thread alarm = Thread.ofVirtual().name("mailbox-idle-alarm").start(() -> {
            try {
                ring.tryAcquire(bound.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return; // the IDLE ended by itself
            }
            try {
                folder.doCommand(protocol -> {
                    protocol.noop();
                    return null;
                });
            } catch (MessagingException | RuntimeException e) {
                // the waiting thread sees the broken connection itself
            }
        });
        try {
            folder.idle(true);
        } finally {
            folder.removeMessageCountListener(arrivals);
            alarm.interrupt();
            try {
                alarm.join(timeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
