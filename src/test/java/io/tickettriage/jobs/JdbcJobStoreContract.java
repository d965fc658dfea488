package io.tickettriage.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What every database must do for the job store; run against SQLite and PostgreSQL. */
abstract class JdbcJobStoreContract {

    private static final Duration LEASE = Duration.ofMinutes(2);
    private static long subjects = 1_000;

    JdbcJobStore store;
    JdbcClient jdbc;
    Instant now = Instant.parse("2026-01-01T10:00:00Z");

    abstract DataSource dataSource();

    @BeforeEach
    void emptyStore() {
        jdbc = JdbcClient.create(dataSource());
        jdbc.sql("DELETE FROM jobs").update();
        store = new JdbcJobStore(jdbc);
    }

    @Test
    void claimsTheOldestDueJobOnce() {
        long first = ++subjects;
        long second = ++subjects;
        store.insert("classify", first, now);
        store.insert("classify", second, now.plusMillis(1));

        Job job = store.claim("w1", now.plusSeconds(1), now.plus(LEASE)).orElseThrow();

        assertThat(job.subjectId()).isEqualTo(first);
        assertThat(job.attempts()).isEqualTo(1);
        assertThat(store.claim("w2", now.plusSeconds(1), now.plus(LEASE)).orElseThrow().subjectId()).isEqualTo(second);
        assertThat(store.claim("w3", now.plusSeconds(1), now.plus(LEASE))).isEmpty();
    }

    @Test
    void keepsOneWaitingJobPerSubject() {
        long subject = ++subjects;
        store.insert("classify", subject, now);
        store.insert("classify", subject, now);

        assertThat(store.depth()).isEqualTo(1);
    }

    @Test
    void aCompletedJobIsGone() {
        store.insert("classify", ++subjects, now);
        Job job = store.claim("w1", now, now.plus(LEASE)).orElseThrow();

        store.complete(job.id());

        assertThat(store.depth()).isZero();
    }

    @Test
    void aRetryWaitsUntilItsTimeAndCountsAttempts() {
        store.insert("classify", ++subjects, now);
        Job job = store.claim("w1", now, now.plus(LEASE)).orElseThrow();

        store.retryAt(job.id(), now.plusSeconds(10), "boom");

        assertThat(store.claim("w1", now.plusSeconds(9), now.plus(LEASE))).isEmpty();
        Job again = store.claim("w1", now.plusSeconds(10), now.plus(LEASE)).orElseThrow();
        assertThat(again.attempts()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT last_error FROM jobs").query(String.class).single()).isEqualTo("boom");
    }

    @Test
    void aJobWhoseWorkerDiedIsTakenAgainWhenItsLeaseRunsOut() {
        store.insert("classify", ++subjects, now);
        store.claim("dead-worker", now, now.plus(LEASE)).orElseThrow();

        assertThat(store.claim("w2", now.plus(LEASE).minusSeconds(1), now.plus(LEASE))).isEmpty();
        Job taken = store.claim("w2", now.plus(LEASE).plusSeconds(1), now.plus(LEASE.multipliedBy(2))).orElseThrow();
        assertThat(taken.attempts()).isEqualTo(2);
    }

    @Test
    void releasingClaimsAfterARestartResumesRunningJobsAtOnce() {
        store.insert("classify", ++subjects, now);
        store.claim("previous-run", now, now.plus(LEASE)).orElseThrow();

        assertThat(store.releaseAllClaims()).isEqualTo(1);

        assertThat(store.claim("w1", now.plusSeconds(1), now.plus(LEASE))).isPresent();
    }
}
