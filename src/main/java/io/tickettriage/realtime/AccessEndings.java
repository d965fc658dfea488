package io.tickettriage.realtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.tickettriage.access.CallerResolution;
import io.tickettriage.access.Credential;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Ends live connections whose access has ended: a revoked token, an expired or logged-out session, a session
 * ended by an admin. An open stream would otherwise go on receiving events, internal comments included, after
 * its caller lost the right to them. Every interval, the credentials of this process's connections are checked
 * against the database, so a revocation in any process is seen here within one interval.
 */
final class AccessEndings implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AccessEndings.class);

    private final CallerResolution callers;
    private final SocketIoClients sockets;
    private final SseStreams streams;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("live-access-check").daemon(true).factory());

    AccessEndings(CallerResolution callers, SocketIoClients sockets, SseStreams streams, Duration interval) {
        this.callers = callers;
        this.sockets = sockets;
        this.streams = streams;
        timer.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void check() {
        try {
            List<Credential> open = new ArrayList<>(sockets.credentials());
            open.addAll(streams.credentials());
            if (open.isEmpty()) {
                return;
            }
            Set<Credential> ended = callers.ended(open);
            if (!ended.isEmpty()) {
                int closed = sockets.disconnect(ended) + streams.close(ended);
                log.info("Closed {} live connection(s) whose token or session ended", closed);
            }
        } catch (RuntimeException e) {
            // the database is busy or away: the next check tries again
            log.warn("Could not check the access of live connections: {}", e.getMessage());
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
