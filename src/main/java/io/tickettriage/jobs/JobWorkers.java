package io.tickettriage.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tickettriage.system.DatabaseUrl;
import io.tickettriage.system.RedisConnections;
import io.tickettriage.system.TriageRole;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Worker threads that take jobs from the database and run them, in the embedded mode ({@code REDIS_URL}
 * unset): woken at once by a local commit, and polling for retries and for jobs committed by other
 * processes sharing a PostgreSQL database.
 */
@Component
@ConditionalOnExpression("!(" + RedisConnections.CONFIGURED + ")")
class JobWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobWorkers.class);

    /** During a flood of tickets, routing keeps this part of a worker's time and intake gets the rest. */
    private static final double ROUTING_SHARE_IN_A_FLOOD = 0.2;
    private static final long MAX_REST_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final JdbcJobStore store;
    private final JobExecution execution;
    private final JobsProperties properties;
    private final int threadCount;
    private final Clock clock;
    private final boolean soleProcess;
    private final String workerId = UUID.randomUUID().toString();
    private final Semaphore signal = new Semaphore(0);
    private final IntakePacing pacing;
    private final WorkerThreads workers = new WorkerThreads();

    JobWorkers(JdbcJobStore store, JobExecution execution, JobsProperties properties, Clock clock,
            MeterRegistry meters, TriageRole role,
            @Value("${triage.database.vendor:SQLITE}") DatabaseUrl.Vendor vendor) {
        this.store = store;
        this.execution = execution;
        this.properties = properties;
        // An API process leaves the jobs to the worker processes that share its database.
        this.threadCount = role.runsWorkers() ? properties.workers() : 0;
        this.clock = clock;
        this.pacing = new IntakePacing(properties.floodRate(), ROUTING_SHARE_IN_A_FLOOD, System::nanoTime);
        // An SQLite file belongs to one process, so jobs still marked running were claimed by a run that died.
        this.soleProcess = vendor == DatabaseUrl.Vendor.SQLITE && role == TriageRole.ALL;
        Gauge.builder("triage.jobs.queue.depth", store, JdbcJobStore::depth)
                .description("Jobs waiting or running")
                .register(meters);
    }

    /** A new ticket's job is being recorded: counted to tell a flood of tickets. */
    void arrived() {
        pacing.arrived();
    }

    /** Wakes a sleeping worker because a job was just committed. */
    void wakeUp() {
        if (signal.availablePermits() < threadCount) {
            signal.release();
        }
    }

    @Override
    public void start() {
        if (soleProcess) {
            int released = store.releaseAllClaims();
            if (released > 0) {
                log.info("Resuming {} job(s) left unfinished by the previous run", released);
            }
        }
        workers.start(threadCount, i -> this::work);
        log.info("Started {} triage worker(s)", threadCount);
    }

    @Override
    public void stop() {
        workers.stop();
    }

    @Override
    public boolean isRunning() {
        return workers.running();
    }

    private void work() {
        while (workers.running()) {
            try {
                Optional<Job> job = claim();
                if (job.isPresent()) {
                    long started = System.nanoTime();
                    run(job.get());
                    long rest = pacing.restNanos(System.nanoTime() - started);
                    if (rest > 0) {
                        TimeUnit.NANOSECONDS.sleep(Math.min(rest, MAX_REST_NANOS));
                    }
                } else {
                    signal.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The store itself failed (database locked or unreachable): back off and try again.
                log.warn("Job store unavailable: {}", e.getMessage());
                pause(properties.pollInterval());
            } catch (Error e) {
                // Out of memory or a class missing, in a job (which went back to the queue uncounted, see
                // JobExecution) or outside one. A worker that died here would, once every worker had died, leave all
                // tickets unrouted: the thread pauses and goes on.
                log.error("Worker {} survived an error; carrying on", Thread.currentThread().getName(), e);
                pause(properties.pollInterval());
            }
        }
    }

    private Optional<Job> claim() {
        Instant now = clock.instant();
        return store.claim(workerId, now, now.plus(properties.lease()));
    }

    /** Runs one claimed job. Package-visible so that tests can drive a job step by step. */
    void run(Job job) {
        execution.run(job);
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.halt();
        }
    }

    String workerId() {
        return workerId;
    }
}
