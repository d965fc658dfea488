package io.tickettriage.jobs;

/**
 * Does one kind of job. Jobs run at least once, so {@link #handle} must be idempotent. A job that fails
 * every attempt ends in {@link #giveUp}, which must leave its subject in a final, visible state.
 */
public interface JobHandler {

    String type();

    void handle(long subjectId) throws Exception;

    void giveUp(long subjectId, String reason);

    /**
     * Attempts before {@link #giveUp}, given the configured number ({@code TRIAGE_JOBS_MAX_ATTEMPTS}). Work whose
     * failures last longer than a few seconds (a full disk) asks for more; waits between attempts are capped.
     */
    default int maxAttempts(int configured) {
        return configured;
    }
}
