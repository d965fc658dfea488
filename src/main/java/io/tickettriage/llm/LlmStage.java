package io.tickettriage.llm;

/**
 * An optional second opinion from a large language model behind any OpenAI-compatible Chat Completions
 * endpoint: the entry point of this module. Built from {@link LlmProperties} by {@link LlmStages}.
 *
 * <p>{@link #ask} never throws and never takes longer than the configured timeout: a slow, failing or
 * misbehaving model yields an answer that is not {@link LlmAnswer#answered() answered}, and the caller keeps
 * its own decision.
 */
public interface LlmStage {

    LlmMode mode();

    /** One line for the start-up report: whether the stage is on, which model, and when it is asked. */
    String describe();

    LlmAnswer ask(LlmQuestion question);

    /** Whether this ticket goes to the model, given whether the local engine would send it to Manual Review. */
    default boolean wantsToSee(boolean localWouldReview) {
        return switch (mode()) {
            case OFF -> false;
            case ASSIST -> localWouldReview;
            case ALWAYS -> true;
        };
    }
}
