package io.tickettriage.jobs;

/**
 * Does one kind of job. Jobs run at least once, so {@link #handle} must be idempotent. A job that fails
 * every attempt ends in {@link #giveUp}, which must leave its subject in a final, visible state.
 */
public interface JobHandler {

    String type();

    void handle(long subjectId) throws Exception;

    void giveUp(long subjectId, String reason);
}
