package io.tickettriage.knowledge;

import java.util.Locale;

import io.tickettriage.system.InvalidSettingException;

import dev.langchain4j.model.embedding.onnx.PoolingMode;

import org.jspecify.annotations.Nullable;

/**
 * How an operator's model ({@code TRIAGE_EMBEDDING_POOLING}) turns its per-token outputs into one vector: the mean of
 * all tokens (sentence-transformers models such as MiniLM, multilingual MiniLM, E5) or the first token's output
 * (models trained for it, such as BGE). The wrong one still gives vectors, only worse ones, so it is named, not
 * guessed.
 */
public enum EmbeddingPooling {

    /** The mean of every token's output; what the shipped model uses. */
    MEAN(PoolingMode.MEAN),
    /** The output of the first token ({@code [CLS]}). */
    CLS(PoolingMode.CLS);

    private final PoolingMode mode;

    EmbeddingPooling(PoolingMode mode) {
        this.mode = mode;
    }

    PoolingMode mode() {
        return mode;
    }

    /** The setting's value ({@code mean} or {@code cls}, any case); unset or blank is {@code mean}. */
    static EmbeddingPooling parse(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return MEAN;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "mean" -> MEAN;
            case "cls" -> CLS;
            default -> throw new InvalidSettingException("TRIAGE_EMBEDDING_POOLING: '" + value.strip()
                    + "' is not a pooling; use mean (MiniLM, E5 and other sentence-transformers models) or cls (BGE)");
        };
    }
}
