package io.tickettriage.jobs;

/**
 * Durable background work. A job is recorded in the caller's transaction, so it exists exactly when the
 * change that needs it was committed, and it runs after that commit.
 */
public interface JobQueue {

    /** Records that {@code type} work is due for {@code subjectId}; a job already waiting for it is kept. */
    void enqueue(String type, long subjectId);

    /**
     * Whether the unfinished jobs have reached their bound, so that callers refuse new work (503) rather than let the
     * backlog, and the time until it is done, grow without limit. Cheap enough to ask on every request: the answer
     * may be a fraction of a second old.
     */
    default boolean atCapacity() {
        return false;
    }

    /** Unfinished jobs as last counted by {@link #atCapacity()}; -1 when this queue does not count them. */
    default long lastCount() {
        return -1;
    }
}
