package io.tickettriage.jobs;

import java.time.Clock;
import java.time.Duration;
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
        }
    }

    private void failed(Job job, JobHandler handler, Exception e) {
        String reason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        if (job.attempts() >= properties.maxAttempts()) {
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
        Duration wait = properties.retryBackoff().multipliedBy(1L << (2 * (job.attempts() - 1)));
        log.info("Job {} ({} {}) failed attempt {}, retrying in {} ms: {}", job.id(), job.type(), job.subjectId(),
                job.attempts(), wait.toMillis(), reason);
        store.retryAt(job.id(), clock.instant().plus(wait), reason);
    }
}
