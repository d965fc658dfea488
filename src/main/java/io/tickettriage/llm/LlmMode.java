package io.tickettriage.llm;

/** When the LLM stage is asked ({@code TRIAGE_LLM_MODE}). */
public enum LlmMode {

    /** Never: the local engine decides every ticket. */
    OFF,

    /** Only for tickets the local engine would send to Manual Review. */
    ASSIST,

    /** For every ticket; the local decision stands whenever the LLM gives no valid answer. */
    ALWAYS;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
