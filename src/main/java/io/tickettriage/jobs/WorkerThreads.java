package io.tickettriage.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The platform threads of one pool of triage workers, whatever feeds them: started together, told to stop together,
 * and waited for (10 s each at most) so that a job in hand can finish before the process ends.
 */
final class WorkerThreads {

    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    /** Starts {@code count} threads named {@code triage-worker-N}, each running {@code work.apply(N)}. */
    void start(int count, IntFunction<Runnable> work) {
        running = true;
        for (int i = 0; i < count; i++) {
            threads.add(Thread.ofPlatform().name("triage-worker-" + i).daemon().start(work.apply(i)));
        }
    }

    /** Whether the workers should go on; they check this between jobs. */
    boolean running() {
        return running;
    }

    /** Tells the workers to stop after the job in hand. */
    void halt() {
        running = false;
    }

    void stop() {
        halt();
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
}
