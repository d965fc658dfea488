package io.tickettriage.jobs;

import java.time.Clock;

import io.tickettriage.system.AfterCommit;
import io.tickettriage.system.RedisConnections;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/** The embedded queue: jobs are rows in the application's own database, and local workers are woken on commit. */
@Component
@ConditionalOnExpression("!(" + RedisConnections.CONFIGURED + ")")
class DatabaseJobQueue implements JobQueue {

    private final JdbcJobStore store;
    private final JobWorkers workers;
    private final Clock clock;
    private final Backlog backlog;

    DatabaseJobQueue(JdbcJobStore store, JobWorkers workers, Clock clock, JobsProperties properties) {
        this.store = store;
        this.workers = workers;
        this.clock = clock;
        this.backlog = new Backlog(store::depth, properties.maxPending(), Backlog.REFRESH_INTERVAL);
    }

    @Override
    public void enqueue(String type, long subjectId) {
        store.insert(type, subjectId, clock.instant());
        workers.arrived();
        AfterCommit.run(workers::wakeUp);
    }

    @Override
    public boolean atCapacity() {
        return backlog.full();
    }

    @Override
    public long lastCount() {
        return backlog.lastCount();
    }
}
