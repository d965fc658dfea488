package io.tickettriage.llm;

/** The stage when no endpoint is configured: asked by nobody, and answers nothing if asked. */
record DisabledLlmStage(String why) implements LlmStage {

    @Override
    public LlmMode mode() {
        return LlmMode.OFF;
    }

    @Override
    public String describe() {
        return "LLM stage: off (" + why + ")";
    }

    @Override
    public LlmAnswer ask(LlmQuestion question) {
        return LlmAnswer.without(LlmAnswer.Status.SKIPPED, "The LLM stage is off", "none", 0);
    }
}
