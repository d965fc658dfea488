package io.tickettriage.jobs;

/**
 * Durable background work. A job is recorded in the caller's transaction, so it exists exactly when the
 * change that needs it was committed, and it runs after that commit.
 */
public interface JobQueue {

    /** Records that {@code type} work is due for {@code subjectId}; a job already waiting for it is kept. */
    void enqueue(String type, long subjectId);
}
