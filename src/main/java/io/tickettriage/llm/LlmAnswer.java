package io.tickettriage.llm;

import io.tickettriage.ticket.Level;
import io.tickettriage.ticket.Priority;

import org.jspecify.annotations.Nullable;

/**
 * What came back from the LLM stage. Only an {@link Status#ANSWERED} answer may change a decision; everything
 * else says in {@code reason} why the local decision stands.
 *
 * @param team      the team the model chose, or null when it found that no allowed team fits
 * @param reason    the model's own short reason when answered; otherwise why there is no usable answer
 * @param requests  how many HTTP requests the answer took (0 when none was sent)
 */
public record LlmAnswer(Status status, @Nullable String team, @Nullable Priority priority, @Nullable Level level,
        String reason, String model, int requests) {

    public enum Status {
        /** A reply that passed validation. */
        ANSWERED,
        /** The server replied, but not with a valid answer (bad JSON, unknown team, a refusal...). */
        REJECTED,
        /** No reply: timeouts, connection errors, HTTP errors, after the retries allowed. */
        FAILED,
        /** Not sent: the stage is off, the circuit breaker is open, or too many requests are in flight. */
        SKIPPED
    }

    public boolean answered() {
        return status == Status.ANSWERED;
    }

    static LlmAnswer answered(@Nullable String team, Priority priority, Level level, String reason, String model,
            int requests) {
        return new LlmAnswer(Status.ANSWERED, team, priority, level, reason, model, requests);
    }

    static LlmAnswer without(Status status, String reason, String model, int requests) {
        return new LlmAnswer(status, null, null, null, reason, model, requests);
    }
}
