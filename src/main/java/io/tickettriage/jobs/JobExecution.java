package io.tickettriage.jobs;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs one claimed job, however it was delivered (a database poll or a Redis stream). Work is at least once:
 * a job is deleted only after its handler returned, rescheduled with growing waits when it throws, and handed
 * to {@link JobHandler#giveUp} after the last attempt, so no subject waits forever. An error of the process
 * rather than of the job (out of memory, a class that cannot be loaded) is not the job's attempt: the job waits
 * in the queue, uncounted, until the process can run it.
 */
@Component
class JobExecution {

    private static final Logger log = LoggerFactory.getLogger(JobExecution.class);
    private static final Duration MAX_RETRY_WAIT = Duration.ofMinutes(5);

    private final JdbcJobStore store;
    private final Map<String, JobHandler> handlers;
    private final JobsProperties properties;
    private final Clock clock;

    JobExecution(JdbcJobStore store, List<JobHandler> handlers, JobsProperties properties, Clock clock) {
        this.store = store;
        this.handlers = handlers.stream().collect(Collectors.toMap(JobHandler::type, Function.identity()));
        this.properties = properties;
        this.clock = clock;
    }

    void run(Job job) {
        JobHandler handler = handlers.get(job.type());
        if (handler == null) {
            log.error("No handler for job type '{}'; dropping job {}", job.type(), job.id());
            store.complete(job.id());
            return;
        }
        try {
            handler.handle(job.subjectId());
        } catch (Exception e) {
            failed(job, handler, e);
            return;
        } catch (StackOverflowError e) {
            // One job's runaway recursion is that job's failure, the same on every attempt: it is retried and then
            // given up like any other. Its stack is a thousand copies of the same frames; the top ones say where.
            log.error("Job {} ({} {}) failed with StackOverflowError at {}", job.id(), job.type(), job.subjectId(),
                    Arrays.stream(e.getStackTrace()).limit(8).map(String::valueOf).toList());
            failed(job, handler, e);
            return;
        } catch (AssertionError e) {
            log.error("Job {} ({} {}) failed with {}", job.id(), job.type(), job.subjectId(),
                    e.getClass().getSimpleName(), e);
            failed(job, handler, e);
            return;
        } catch (VirtualMachineError | LinkageError e) {
            // Out of memory, a missing or incompatible class: the process is in trouble, not this job, and every
            // job would fail the same way. Counting it as the job's attempt would give tickets up to Manual Review
            // for a fault of the deployment; the job goes back to the queue as it was and the error goes on up, to
            // the worker loop, which logs it and pauses.
            store.postpone(job.id(), clock.instant().plus(properties.pollInterval()),
                    e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            throw e;
        }
        settle(job, () -> store.complete(job.id()));
    }

    /**
     * Records what became of a job this worker holds, trying again while the store refuses (the database locked by
     * another process, or a connection lost) for up to half the lease. Left to the lease alone, a job whose outcome
     * could not be written would stay claimed, its ticket pending, for the whole lease (two minutes by default)
     * after the database came back.
     */
    private void settle(Job job, Runnable record) {
        long deadline = System.nanoTime() + properties.lease().toNanos() / 2;
        long pauseMillis = Math.max(50, properties.pollInterval().toMillis());
        while (true) {
            try {
                record.run();
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw e;
                }
                log.warn("Could not record the outcome of job {} ({} {}) yet, trying again in {} ms: {}", job.id(),
                        job.type(), job.subjectId(), pauseMillis, e.getMessage());
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pauseMillis = Math.min(pauseMillis * 2, 5_000);
            }
        }
    }

    private void failed(Job job, JobHandler handler, Throwable e) {
        String reason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        if (job.attempts() >= handler.maxAttempts(properties.maxAttempts())) {
            log.warn("Job {} ({} {}) failed {} times, giving up: {}", job.id(), job.type(), job.subjectId(),
                    job.attempts(), reason);
            try {
                handler.giveUp(job.subjectId(), reason);
            } catch (RuntimeException giveUpFailure) {
                log.warn("Could not give up job {} yet: {}", job.id(), giveUpFailure.getMessage());
                settle(job, () -> store.retryAt(job.id(), clock.instant().plus(properties.pollInterval()), reason));
                return;
            }
            settle(job, () -> store.complete(job.id()));
            return;
        }
        Duration wait = properties.retryBackoff().multipliedBy(1L << Math.min(2 * (job.attempts() - 1), 40));
        if (wait.compareTo(MAX_RETRY_WAIT) > 0) {
            wait = MAX_RETRY_WAIT;
        }
        log.info("Job {} ({} {}) failed attempt {}, retrying in {} ms: {}", job.id(), job.type(), job.subjectId(),
                job.attempts(), wait.toMillis(), reason);
        Duration retryWait = wait;
        settle(job, () -> store.retryAt(job.id(), clock.instant().plus(retryWait), reason));
    }
}
