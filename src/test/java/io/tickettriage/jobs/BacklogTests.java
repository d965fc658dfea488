package io.tickettriage.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class BacklogTests {

    private final AtomicLong jobs = new AtomicLong();
    private final AtomicInteger counts = new AtomicInteger();

    private long count() {
        counts.incrementAndGet();
        return jobs.get();
    }

    @Test
    void isFullOnceTheUnfinishedJobsReachTheBound() {
        Backlog backlog = new Backlog(this::count, 3, Duration.ZERO);

        jobs.set(2);
        assertThat(backlog.full()).isFalse();
        jobs.set(3);
        assertThat(backlog.full()).isTrue();
        jobs.set(0);
        assertThat(backlog.full()).isFalse();
    }

    @Test
    void countsAtMostOncePerRefreshInterval() {
        Backlog backlog = new Backlog(this::count, 3, Duration.ofHours(1));

        for (int i = 0; i < 1_000; i++) {
            backlog.full();
        }

        assertThat(counts).hasValue(1);
    }

    @Test
    void keepsTheLastCountWhenTheDatabaseCannotBeAsked() {
        jobs.set(5);
        Backlog backlog = new Backlog(() -> {
            if (counts.incrementAndGet() > 1) {
                throw new IllegalStateException("database is locked");
            }
            return jobs.get();
        }, 3, Duration.ZERO);

        assertThat(backlog.full()).isTrue();
        assertThat(backlog.full()).isTrue();
    }

    @Test
    void neverFillsWithoutABound() {
        jobs.set(1_000_000);

        assertThat(new Backlog(this::count, 0, Duration.ZERO).full()).isFalse();
        assertThat(counts).hasValue(0);
    }
}
