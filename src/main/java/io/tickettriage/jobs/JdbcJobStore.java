package io.tickettriage.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Jobs as rows, claimed with a lease so that a job whose worker died is taken again. */
@Repository
class JdbcJobStore {

    private final JdbcClient jdbc;

    JdbcJobStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String type, long subjectId, Instant now) {
        jdbc.sql("""
                INSERT INTO jobs (type, subject_id, state, attempts, run_at, created_at)
                VALUES (:type, :subject, 'queued', 0, :now, :now)
                ON CONFLICT (type, subject_id) DO NOTHING""")
                .param("type", type)
                .param("subject", subjectId)
                .param("now", now.toEpochMilli())
                .update();
    }

    /**
     * Records a job whose message is about to be sent to the stream. Should the message never arrive (the
     * process dies first, or Redis refuses it and the undo fails too), the job is sent again once
     * {@code until} has passed.
     */
    void insertDispatched(String type, long subjectId, Instant now, Instant until) {
        jdbc.sql("""
                INSERT INTO jobs (type, subject_id, state, attempts, run_at, locked_until, created_at)
                VALUES (:type, :subject, 'dispatched', 0, :now, :until, :now)
                ON CONFLICT (type, subject_id) DO NOTHING""")
                .param("type", type)
                .param("subject", subjectId)
                .param("now", now.toEpochMilli())
                .param("until", until.toEpochMilli())
                .update();
    }

    /**
     * Takes the oldest due job, or one whose lease ran out, for {@code worker} until {@code leaseUntil}.
     *
     * <p>Each kind of candidate is looked up on its own and the two are compared: with one {@code OR} condition the
     * database could not read the jobs in index order, and sorted the whole backlog on every claim (10 ms at 100,000
     * waiting jobs, on SQLite's one connection, which the requests were waiting for).
     */
    Optional<Job> claim(String worker, Instant now, Instant leaseUntil) {
        return jdbc.sql("""
                UPDATE jobs SET state = 'running', attempts = attempts + 1,
                                locked_by = :worker, locked_until = :until
                WHERE id = (SELECT id FROM (
                                SELECT id, run_at FROM (SELECT id, run_at FROM jobs
                                                        WHERE state = 'queued' AND run_at <= :now
                                                        ORDER BY run_at, id LIMIT 1) AS due
                                UNION ALL
                                SELECT id, run_at FROM (SELECT id, run_at FROM jobs
                                                        WHERE state = 'running' AND locked_until < :now
                                                        ORDER BY run_at, id LIMIT 1) AS abandoned
                            ) AS candidates
                            ORDER BY run_at, id LIMIT 1)
                  AND ((state = 'queued' AND run_at <= :now) OR (state = 'running' AND locked_until < :now))
                RETURNING id, type, subject_id, attempts""")
                .param("worker", worker)
                .param("until", leaseUntil.toEpochMilli())
                .param("now", now.toEpochMilli())
                .query((rs, row) -> new Job(rs.getLong("id"), rs.getString("type"), rs.getLong("subject_id"),
                        rs.getInt("attempts")))
                .optional();
    }

    void complete(long id) {
        jdbc.sql("DELETE FROM jobs WHERE id = :id").param("id", id).update();
    }

    void retryAt(long id, Instant runAt, String error) {
        jdbc.sql("""
                UPDATE jobs SET state = 'queued', run_at = :runAt, locked_by = NULL, locked_until = NULL,
                                last_error = :error
                WHERE id = :id""")
                .param("id", id)
                .param("runAt", runAt.toEpochMilli())
                .param("error", error)
                .update();
    }

    /** Puts a claimed job back as it was before the claim: the attempt is not counted. */
    void postpone(long id, Instant runAt, String error) {
        jdbc.sql("""
                UPDATE jobs SET state = 'queued', run_at = :runAt, locked_by = NULL, locked_until = NULL,
                                attempts = attempts - 1, last_error = :error
                WHERE id = :id""")
                .param("id", id)
                .param("runAt", runAt.toEpochMilli())
                .param("error", error)
                .update();
    }

    /** Hands back the jobs that workers of an earlier run of this process had claimed. */
    int releaseAllClaims() {
        return jdbc.sql("UPDATE jobs SET state = 'queued', locked_by = NULL, locked_until = NULL WHERE state = 'running'")
                .update();
    }

    // The scale-out mode: the table is the outbox, a Redis stream only carries "job due" messages. A job is
    // 'queued' until a relay has put it on the stream, 'dispatched' while its message waits for a worker and
    // 'running' once a worker took it; locked_until bounds both, so that a message lost with Redis's memory is
    // sent again.

    /** Up to {@code limit} jobs due for dispatch: queued and due, or dispatched or taken too long ago. */
    List<JobKey> dueForDispatch(Instant now, int limit) {
        // Two index-ordered lookups rather than one OR condition, as in claim
        return jdbc.sql("""
                SELECT type, subject_id FROM (
                    SELECT id, type, subject_id, run_at FROM (SELECT id, type, subject_id, run_at FROM jobs
                                                              WHERE state = 'queued' AND run_at <= :now
                                                              ORDER BY run_at, id LIMIT :limit) AS due
                    UNION ALL
                    SELECT id, type, subject_id, run_at FROM (SELECT id, type, subject_id, run_at FROM jobs
                                                              WHERE state IN ('dispatched', 'running')
                                                                AND locked_until < :now
                                                              ORDER BY run_at, id LIMIT :limit) AS overdue
                ) AS candidates
                ORDER BY run_at, id LIMIT :limit""")
                .param("now", now.toEpochMilli())
                .param("limit", limit)
                .query((rs, row) -> new JobKey(rs.getString("type"), rs.getLong("subject_id")))
                .list();
    }

    /** Marks a due job as sent to the stream until {@code until}; false when another process took it first. */
    boolean markDispatched(JobKey key, Instant now, Instant until) {
        return jdbc.sql("""
                UPDATE jobs SET state = 'dispatched', locked_by = NULL, locked_until = :until
                WHERE type = :type AND subject_id = :subject
                  AND ((state = 'queued' AND run_at <= :now)
                       OR (state IN ('dispatched', 'running') AND locked_until < :now))""")
                .param("type", key.type())
                .param("subject", key.subjectId())
                .param("now", now.toEpochMilli())
                .param("until", until.toEpochMilli())
                .update() == 1;
    }

    /** Puts a job back in the outbox because its message could not be sent. */
    void undoDispatch(JobKey key) {
        jdbc.sql("""
                UPDATE jobs SET state = 'queued', locked_until = NULL
                WHERE type = :type AND subject_id = :subject AND state = 'dispatched'""")
                .param("type", key.type())
                .param("subject", key.subjectId())
                .update();
    }

    /**
     * Takes the job a stream message announced. Empty when the job is done already (deleted) or waits for a
     * retry (queued): the message is stale and only needs acknowledging. A job 'running' under another worker
     * is taken over, since its message reaches a second worker only when the first stopped acknowledging.
     */
    Optional<Job> take(JobKey key, String worker, Instant leaseUntil) {
        return jdbc.sql("""
                UPDATE jobs SET state = 'running', attempts = attempts + 1,
                                locked_by = :worker, locked_until = :until
                WHERE type = :type AND subject_id = :subject AND state IN ('dispatched', 'running')
                RETURNING id, type, subject_id, attempts""")
                .param("worker", worker)
                .param("until", leaseUntil.toEpochMilli())
                .param("type", key.type())
                .param("subject", key.subjectId())
                .query((rs, row) -> new Job(rs.getLong("id"), rs.getString("type"), rs.getLong("subject_id"),
                        rs.getInt("attempts")))
                .optional();
    }

    long depth() {
        return jdbc.sql("SELECT COUNT(*) FROM jobs").query(Long.class).single();
    }
}
