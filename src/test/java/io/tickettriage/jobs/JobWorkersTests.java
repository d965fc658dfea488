package io.tickettriage.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickettriage.support.TestDatabases;
import io.tickettriage.system.DatabaseUrl;
import io.tickettriage.system.TriageRole;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Workers against a real SQLite job table, with handlers that fail the way real code can. */
class JobWorkersTests {

    @TempDir
    Path folder;

    private JobWorkers workers;

    @AfterEach
    void stopWorkers() {
        if (workers != null) {
            workers.stop();
        }
    }

    @Test
    void keepsWorkingAfterAHandlerThrowsAnErrorAndRetriesThatJob() {
        JdbcJobStore store = new JdbcJobStore(JdbcClient.create(TestDatabases.sqlite(folder.resolve("jobs.db"))));
        Set<Long> done = ConcurrentHashMap.newKeySet();
        Map<Long, AtomicInteger> attempts = new ConcurrentHashMap<>();
        JobHandler crashingOnce = new RecordingHandler("classify", done) {
            @Override
            public void handle(long subjectId) throws Exception {
                if (subjectId == 1 && attempts.computeIfAbsent(subjectId, id -> new AtomicInteger()).get() == 0) {
                    attempts.get(subjectId).incrementAndGet();
                    recurse(0);
                }
                if (subjectId == 2 && attempts.computeIfAbsent(subjectId, id -> new AtomicInteger()).get() == 0) {
                    attempts.get(subjectId).incrementAndGet();
                    throw new OutOfMemoryError("Java heap space (simulated)");
                }
                super.handle(subjectId);
            }
        };
        workers = startOneWorker(store, crashingOnce);

        for (long subject = 1; subject <= 10; subject++) {
            store.insert("classify", subject, Instant.now());
        }
        workers.wakeUp();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(done).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
            assertThat(store.depth()).isZero();
        });
        assertThat(workers.isRunning()).isTrue();
    }

    @Test
    void givesUpAJobThatAlwaysThrowsAnErrorSoItsSubjectIsNotLeftWaiting() {
        JdbcJobStore store = new JdbcJobStore(JdbcClient.create(TestDatabases.sqlite(folder.resolve("jobs.db"))));
        Set<Long> done = ConcurrentHashMap.newKeySet();
        Map<Long, String> givenUp = new ConcurrentHashMap<>();
        JobHandler alwaysOverflowing = new RecordingHandler("classify", done) {
            @Override
            public void handle(long subjectId) throws Exception {
                if (subjectId == 1) {
                    recurse(0);
                }
                super.handle(subjectId);
            }

            @Override
            public void giveUp(long subjectId, String reason) {
                givenUp.put(subjectId, reason);
            }
        };
        workers = startOneWorker(store, alwaysOverflowing);

        store.insert("classify", 1, Instant.now());
        store.insert("classify", 2, Instant.now());
        workers.wakeUp();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(givenUp).containsOnlyKeys(1L);
            assertThat(givenUp.get(1L)).startsWith("StackOverflowError");
            assertThat(done).containsExactly(2L);
            assertThat(store.depth()).isZero();
        });
    }

    @Test
    void neverGivesUpAJobForOutOfMemoryOrAMissingClassWhichAreNotTheJobsFault() {
        JdbcJobStore store = new JdbcJobStore(JdbcClient.create(TestDatabases.sqlite(folder.resolve("jobs.db"))));
        Set<Long> done = ConcurrentHashMap.newKeySet();
        Map<Long, String> givenUp = new ConcurrentHashMap<>();
        AtomicInteger failures = new AtomicInteger();
        JobHandler failingMoreOftenThanMaxAttempts = new RecordingHandler("classify", done) {
            @Override
            public void handle(long subjectId) throws Exception {
                int failure = failures.incrementAndGet();
                if (failure <= 3) {
                    throw new OutOfMemoryError("Java heap space (simulated)");
                }
                if (failure <= 6) {
                    throw new NoClassDefFoundError("ai/onnxruntime/OrtSession (simulated)");
                }
                super.handle(subjectId);
            }

            @Override
            public void giveUp(long subjectId, String reason) {
                givenUp.put(subjectId, reason);
            }
        };
        workers = startOneWorker(store, failingMoreOftenThanMaxAttempts);

        store.insert("classify", 1, Instant.now());
        workers.wakeUp();

        // six errors against three attempts: had they counted, the job would have been given up at the third
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(done).containsExactly(1L);
            assertThat(store.depth()).isZero();
        });
        assertThat(givenUp).isEmpty();
        assertThat(failures.get()).isEqualTo(7);
        assertThat(workers.isRunning()).isTrue();
    }

    @Test
    void recordsAJobsOutcomeOnceTheStoreTakesWritesAgainRatherThanHoldingItForTheLease() {
        // The database is locked by another process just as jobs finish or fail: the first writes of their
        // outcomes are refused. Left to the lease (2 minutes here), their subjects would wait that long.
        AtomicInteger refusals = new AtomicInteger(4);
        JdbcJobStore store = new JdbcJobStore(JdbcClient.create(TestDatabases.sqlite(folder.resolve("jobs.db")))) {
            @Override
            void complete(long id) {
                refuseWhileLocked();
                super.complete(id);
            }

            @Override
            void retryAt(long id, Instant runAt, String error) {
                refuseWhileLocked();
                super.retryAt(id, runAt, error);
            }

            private void refuseWhileLocked() {
                if (refusals.getAndDecrement() > 0) {
                    throw new org.springframework.dao.TransientDataAccessResourceException("database is locked");
                }
            }
        };
        Set<Long> done = ConcurrentHashMap.newKeySet();
        AtomicInteger failures = new AtomicInteger();
        JobHandler failingOnce = new RecordingHandler("classify", done) {
            @Override
            public void handle(long subjectId) throws Exception {
                if (subjectId == 1 && failures.getAndIncrement() == 0) {
                    throw new IllegalStateException("first attempt fails");
                }
                super.handle(subjectId);
            }
        };
        workers = startOneWorker(store, failingOnce);

        store.insert("classify", 1, Instant.now());
        store.insert("classify", 2, Instant.now());
        workers.wakeUp();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(done).containsExactlyInAnyOrder(1L, 2L);
            assertThat(store.depth()).isZero();
        });
        assertThat(refusals.get()).as("every refusal was met").isNegative();
    }

    private static JobWorkers startOneWorker(JdbcJobStore store, JobHandler handler) {
        JobsProperties properties = new JobsProperties(1, 3, Duration.ofMillis(10), Duration.ofMillis(50),
                Duration.ofMinutes(2), 0, Duration.ofSeconds(30), 0, 0);
        JobExecution execution = new JobExecution(store, List.of(handler), properties, Clock.systemUTC());
        JobWorkers workers = new JobWorkers(store, execution, properties, Clock.systemUTC(),
                new SimpleMeterRegistry(), TriageRole.ALL, DatabaseUrl.Vendor.SQLITE);
        workers.start();
        return workers;
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    private static class RecordingHandler implements JobHandler {

        private final String type;
        private final Set<Long> done;

        RecordingHandler(String type, Set<Long> done) {
            this.type = type;
            this.done = done;
        }

        @Override
        public String type() {
            return type;
        }

        @Override
        public void handle(long subjectId) throws Exception {
            done.add(subjectId);
        }

        @Override
        public void giveUp(long subjectId, String reason) {
        }
    }
}
