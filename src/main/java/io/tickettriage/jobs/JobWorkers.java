package io.tickettriage.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tickettriage.system.DatabaseUrl;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Worker threads that take jobs from the store and run their handlers. Work is at least once: a job is
 * deleted only after its handler returned, retried with growing waits when it throws, and handed to
 * {@link JobHandler#giveUp} after the last attempt, so no subject waits forever.
 */
@Component
class JobWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobWorkers.class);
    private static final Duration MAX_RETRY_WAIT = Duration.ofMinutes(5);

    private final JdbcJobStore store;
    private final Map<String, JobHandler> handlers;
    private final JobsProperties properties;
    private final Clock clock;
    private final boolean soleProcess;
    private final String workerId = UUID.randomUUID().toString();
    private final Semaphore signal = new Semaphore(0);
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    JobWorkers(JdbcJobStore store, List<JobHandler> handlers, JobsProperties properties, Clock clock,
            MeterRegistry meters, @Value("${triage.database.vendor:SQLITE}") DatabaseUrl.Vendor vendor) {
        this.store = store;
        this.handlers = handlers.stream().collect(Collectors.toMap(JobHandler::type, Function.identity()));
        this.properties = properties;
        this.clock = clock;
        // An SQLite file belongs to one process, so jobs still marked running were claimed by a run that died.
        this.soleProcess = vendor == DatabaseUrl.Vendor.SQLITE;
        Gauge.builder("triage.jobs.queue.depth", store, JdbcJobStore::depth)
                .description("Jobs waiting or running")
                .register(meters);
    }

    /** Wakes a sleeping worker because a job was just committed. */
    void wakeUp() {
        if (signal.availablePermits() < properties.workers()) {
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
        running = true;
        for (int i = 0; i < properties.workers(); i++) {
            Thread thread = Thread.ofPlatform().name("triage-worker-" + i).daemon().start(this::work);
            threads.add(thread);
        }
        log.info("Started {} triage worker(s)", properties.workers());
    }

    @Override
    public void stop() {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void work() {
        while (running) {
            try {
                Optional<Job> job = claim();
                if (job.isPresent()) {
                    run(job.get());
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
                // A worker that died here would leave its claimed job to wait for the lease and, once every worker
                // had died, leave all tickets unrouted. The thread goes on; the job is retried when its lease ends.
                log.error("Worker {} survived an error outside any job; carrying on", Thread.currentThread().getName(),
                        e);
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
        JobHandler handler = handlers.get(job.type());
        if (handler == null) {
            log.error("No handler for job type '{}'; dropping job {}", job.type(), job.id());
            store.complete(job.id());
            return;
        }
        try {
            handler.handle(job.subjectId());
            store.complete(job.id());
        } catch (Exception e) {
            failed(job, handler, e);
        } catch (StackOverflowError | OutOfMemoryError | LinkageError | AssertionError e) {
            // One job's runaway recursion, oversized allocation or missing class is that job's failure: it is
            // retried and then given up like any other, and the worker thread lives on for the other jobs. The
            // stack is logged because such an error is a bug to fix, not a condition to wait out.
            if (e instanceof StackOverflowError) {
                // Its stack is a thousand copies of the same frames; the top ones say where the recursion is.
                log.error("Job {} ({} {}) failed with StackOverflowError at {}", job.id(), job.type(), job.subjectId(),
                        Arrays.stream(e.getStackTrace()).limit(8).map(String::valueOf).toList());
            } else {
                log.error("Job {} ({} {}) failed with {}", job.id(), job.type(), job.subjectId(),
                        e.getClass().getSimpleName(), e);
            }
            failed(job, handler, e);
        }
    }

    private void failed(Job job, JobHandler handler, Throwable e) {
        String reason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        if (job.attempts() >= handler.maxAttempts(properties.maxAttempts())) {
            log.warn("Job {} ({} {}) failed {} times, giving up: {}", job.id(), job.type(), job.subjectId(),
                    job.attempts(), reason);
            try {
                handler.giveUp(job.subjectId(), reason);
                store.complete(job.id());
            } catch (RuntimeException giveUpFailure) {
                log.warn("Could not give up job {} yet: {}", job.id(), giveUpFailure.getMessage());
                store.retryAt(job.id(), clock.instant().plus(properties.pollInterval()), reason);
            }
            return;
        }
        Duration wait = properties.retryBackoff().multipliedBy(1L << Math.min(2 * (job.attempts() - 1), 40));
        if (wait.compareTo(MAX_RETRY_WAIT) > 0) {
            wait = MAX_RETRY_WAIT;
        }
        log.info("Job {} ({} {}) failed attempt {}, retrying in {} ms: {}", job.id(), job.type(), job.subjectId(),
                job.attempts(), wait.toMillis(), reason);
        store.retryAt(job.id(), clock.instant().plus(wait), reason);
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    String workerId() {
        return workerId;
    }
}
