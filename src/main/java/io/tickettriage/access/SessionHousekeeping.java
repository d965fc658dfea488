package io.tickettriage.access;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Forgets expired, ended and spent sessions and login codes while the service runs, not only at start: a service
 * that runs for months would otherwise keep every session ever opened. Each process does it; the statement is the
 * same wherever it runs.
 */
@Component
@ConditionalOnWebApplication
class SessionHousekeeping implements DisposableBean {

    static final Duration INTERVAL = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(SessionHousekeeping.class);

    private final AccessTokens tokens;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("session-housekeeping").daemon(true).factory());

    SessionHousekeeping(AccessTokens tokens) {
        this.tokens = tokens;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        timer.scheduleWithFixedDelay(this::purge, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    void purge() {
        try {
            int forgotten = tokens.forgetExpired();
            if (forgotten > 0) {
                log.debug("Forgot {} expired or ended sessions and login codes", forgotten);
            }
        } catch (RuntimeException e) {
            log.warn("Could not forget expired sessions yet: {}", e.getMessage());
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
