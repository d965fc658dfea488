package io.tickettriage.jobs;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisException;
import io.tickettriage.system.AfterCommit;
import io.tickettriage.system.RedisConnections;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The job queue of the scale-out mode. The database stays the source of truth: a job is a row committed with
 * the change that needs it, exactly as in the embedded mode. After the commit its message goes to the Redis
 * stream; a relay in every process sends again what never made it (Redis was down, the process died between
 * commit and send) and what waits for a retry. So the API accepts tickets while Redis is away, and their jobs
 * are sent when it returns.
 */
@Component
@ConditionalOnExpression(RedisConnections.CONFIGURED)
class StreamOutbox implements JobQueue, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StreamOutbox.class);
    private static final int BATCH = 500;

    private final JdbcJobStore store;
    private final RedisConnections redis;
    private final JobsProperties properties;
    private final Clock clock;
    private final Executor undo = Executors.newVirtualThreadPerTaskExecutor();
    private ScheduledExecutorService relay;
    private volatile boolean redisWasDown;

    StreamOutbox(JdbcJobStore store, RedisConnections redis, JobsProperties properties, Clock clock) {
        this.store = store;
        this.redis = redis;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void enqueue(String type, long subjectId) {
        JobKey key = new JobKey(type, subjectId);
        Instant now = clock.instant();
        store.insertDispatched(type, subjectId, now, now.plus(properties.lease()));
        AfterCommit.run(() -> send(key));
    }

    /**
     * Sends without waiting: the request that committed the job is not held up by Redis. Sent on the shared
     * connection after the {@code ticket_created} event, so every client hears of a ticket before its routing.
     */
    private void send(JobKey key) {
        try {
            JobStream.addAsync(redis.shared().async(), key).whenComplete((id, failure) -> {
                if (failure != null) {
                    undo.execute(() -> putBack(key, failure));
                }
            });
        } catch (RedisException e) {
            putBack(key, e);
        }
    }

    private void putBack(JobKey key, Throwable failure) {
        unavailable(failure);
        try {
            store.undoDispatch(key);
        } catch (RuntimeException e) {
            log.warn("Job {} {} stays in the outbox until its lease ends: {}", key.type(), key.subjectId(),
                    e.getMessage());
        }
    }

    /** Sends due jobs from the outbox; stops at the first refusal, to try again on the next round. */
    void relayDue() {
        try {
            Instant now = clock.instant();
            List<JobKey> due = store.dueForDispatch(now, BATCH);
            int sent = 0;
            for (JobKey key : due) {
                if (!store.markDispatched(key, now, now.plus(properties.lease()))) {
                    continue;
                }
                try {
                    JobStream.add(redis.shared().sync(), key);
                    sent++;
                } catch (RedisException e) {
                    putBack(key, e);
                    return;
                }
            }
            if (sent > 0 && redisWasDown) {
                redisWasDown = false;
                log.info("Redis is reachable again; sent {} waiting job(s)", sent);
            } else if (sent > 0) {
                log.debug("Sent {} job(s) from the outbox", sent);
            }
        } catch (RuntimeException e) {
            log.warn("Job outbox relay failed, trying again: {}", e.getMessage());
        }
    }

    private void unavailable(Throwable failure) {
        if (!redisWasDown) {
            redisWasDown = true;
            log.warn("Redis is unavailable ({}); jobs wait in the database and are sent when it returns",
                    failure.getMessage());
        }
    }

    @Override
    public void start() {
        relay = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("job-outbox-relay")
                .daemon(true).factory());
        long period = properties.pollInterval().toMillis();
        relay.scheduleWithFixedDelay(this::relayDue, 0, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        relay.shutdownNow();
        relay = null;
    }

    @Override
    public boolean isRunning() {
        return relay != null;
    }
}
