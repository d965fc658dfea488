package io.tickettriage.knowledge;

import java.util.Set;

/** Turns text into a unit-length vector; similar meaning gives a high dot product. */
public interface EmbeddingModel {

    /** Identifies the model and version; vectors of different models are never mixed. */
    String id();

    float[] embed(String text);

    /**
     * The languages (ISO 639-1) whose texts this model places by their meaning; empty when it reads every language.
     * A text in another language is still embedded, but its vector is not evidence of what it means.
     */
    default Set<String> languages() {
        return Set.of();
    }

    /** The local model the service uses, for code that runs without the application context. */
    static EmbeddingModel local() {
        return new MiniLmEmbeddingModel(false);
    }
}
