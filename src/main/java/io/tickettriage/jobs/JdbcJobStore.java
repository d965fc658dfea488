package io.tickettriage.jobs;

import java.time.Instant;
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

    /** Takes the oldest due job, or one whose lease ran out, for {@code worker} until {@code leaseUntil}. */
    Optional<Job> claim(String worker, Instant now, Instant leaseUntil) {
        return jdbc.sql("""
                UPDATE jobs SET state = 'running', attempts = attempts + 1,
                                locked_by = :worker, locked_until = :until
                WHERE id = (SELECT id FROM jobs
                            WHERE (state = 'queued' AND run_at <= :now)
                               OR (state = 'running' AND locked_until < :now)
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

    /** Hands back the jobs that workers of an earlier run of this process had claimed. */
    int releaseAllClaims() {
        return jdbc.sql("UPDATE jobs SET state = 'queued', locked_by = NULL, locked_until = NULL WHERE state = 'running'")
                .update();
    }

    long depth() {
        return jdbc.sql("SELECT COUNT(*) FROM jobs").query(Long.class).single();
    }
}
