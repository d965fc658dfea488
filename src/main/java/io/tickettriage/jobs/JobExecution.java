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
 * to {@link JobHandler#giveUp} after the last attempt, so no subject waits forever.
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
}
