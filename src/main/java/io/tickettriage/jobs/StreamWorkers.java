package io.tickettriage.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.tickettriage.system.RedisConnections;
import io.tickettriage.system.TriageRole;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Worker threads of the scale-out mode, each a consumer of the job stream with a connection of its own (a
 * blocking read holds its connection). A message is acknowledged once its job is finished or found already
 * done; messages a dead worker left unacknowledged are claimed after {@code TRIAGE_JOBS_CLAIM_IDLE}.
 */
@Component
@ConditionalOnExpression(RedisConnections.CONFIGURED)
class StreamWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StreamWorkers.class);

    private final JdbcJobStore store;
    private final JobExecution execution;
    private final RedisConnections redis;
    private final JobsProperties properties;
    private final Clock clock;
    private final int threadCount;
    private final String processId = UUID.randomUUID().toString().substring(0, 8);
    private final WorkerThreads workers = new WorkerThreads();
    private volatile boolean redisWasDown;

    StreamWorkers(JdbcJobStore store, JobExecution execution, RedisConnections redis, JobsProperties properties,
            Clock clock, TriageRole role) {
        this.store = store;
        this.execution = execution;
        this.redis = redis;
        this.properties = properties;
        this.clock = clock;
        this.threadCount = role.runsWorkers() ? properties.workers() : 0;
    }

    @Override
    public void start() {
        workers.start(threadCount, i -> () -> work(processId + "-" + i));
        if (threadCount > 0) {
            log.info("Started {} triage worker(s) on the Redis job stream", threadCount);
        }
    }

    @Override
    public void stop() {
        workers.stop();
    }

    @Override
    public boolean isRunning() {
        return workers.running();
    }

    private void work(String consumer) {
        StatefulRedisConnection<String, String> connection = null;
        Instant nextClaim = Instant.EPOCH;
        boolean ownPendingUnknown = true;
        try {
            while (workers.running()) {
                try {
                    if (connection == null) {
                        connection = redis.open(properties.pollInterval().plusSeconds(5));
                        JobStream.ensureGroup(connection.sync());
                    }
                    RedisCommands<String, String> commands = connection.sync();
                    if (ownPendingUnknown) {
                        for (StreamMessage<String, String> message : JobStream.readOwnPending(commands, consumer)) {
                            process(commands, consumer, message);
                        }
                        ownPendingUnknown = false;
                    }
                    if (clock.instant().isAfter(nextClaim)) {
                        List<StreamMessage<String, String>> abandoned = JobStream.claimAbandoned(commands, consumer,
                                properties.claimIdle());
                        if (!abandoned.isEmpty()) {
                            log.info("Taking over {} job(s) a stopped worker left unfinished", abandoned.size());
                        }
                        for (StreamMessage<String, String> message : abandoned) {
                            process(commands, consumer, message);
                        }
                        nextClaim = clock.instant().plus(properties.claimIdle().dividedBy(2));
                    }
                    for (StreamMessage<String, String> message : JobStream.read(commands, consumer,
                            properties.pollInterval())) {
                        process(commands, consumer, message);
                    }
                    reachable();
                } catch (RedisException e) {
                    if (!workers.running() || Thread.currentThread().isInterrupted()) {
                        return;
                    }
                    ownPendingUnknown = true;
                    if (connection != null && JobStream.isMissingGroup(e)) {
                        // Redis restarted empty: the group goes with it
                        JobStream.ensureGroup(connection.sync());
                        continue;
                    }
                    unreachable(e);
                    pause();
                } catch (RuntimeException e) {
                    // the database failed: the message stays pending, to be read again
                    ownPendingUnknown = true;
                    log.warn("Job worker failed, trying again: {}", e.getMessage());
                    pause();
                } catch (Error e) {
                    // out of memory or a class missing: the job went back to the queue (JobExecution); this worker
                    // pauses and carries on rather than leave the stream without readers once every worker died
                    ownPendingUnknown = true;
                    log.error("Job worker survived an error; carrying on", e);
                    pause();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (connection != null) {
                connection.close();
            }
        }
    }

    private void process(RedisCommands<String, String> commands, String consumer,
            StreamMessage<String, String> message) {
        if (message.getBody() != null && !message.getBody().isEmpty()) {
            JobKey key = JobStream.key(message);
            Optional<Job> job = store.take(key, consumer, clock.instant().plus(properties.lease()));
            job.ifPresent(execution::run);
        }
        // also when the job was done already: its message is only a duplicate
        JobStream.acknowledge(commands, message);
    }

    private void reachable() {
        if (redisWasDown) {
            redisWasDown = false;
            log.info("Job stream reachable again");
        }
    }

    private void unreachable(RedisException e) {
        if (!redisWasDown) {
            redisWasDown = true;
            log.warn("Job stream unavailable ({}); retrying", e.getMessage());
        }
    }

    private void pause() throws InterruptedException {
        Thread.sleep(properties.pollInterval());
    }
}
