package io.tickettriage.knowledge;

import java.nio.file.Path;
import java.util.Map;
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

    /**
     * The local model the service uses, for code that runs without the application context: the one named by
     * {@code TRIAGE_EMBEDDING_MODEL} (with {@code TRIAGE_EMBEDDING_TOKENIZER} and {@code TRIAGE_EMBEDDING_POOLING}) in
     * the environment, else the shipped one.
     */
    static EmbeddingModel local() {
        return local(System.getenv());
    }

    /** As {@link #local()}, with the settings read from {@code environment}. */
    static EmbeddingModel local(Map<String, String> environment) {
        String model = environment.get("TRIAGE_EMBEDDING_MODEL");
        // checked even when the shipped model is used, as the service's start checks it
        EmbeddingPooling pooling = EmbeddingPooling.parse(environment.get("TRIAGE_EMBEDDING_POOLING"));
        if (model == null || model.isBlank()) {
            return new MiniLmEmbeddingModel(false);
        }
        String tokenizer = environment.get("TRIAGE_EMBEDDING_TOKENIZER");
        return new OnnxFileEmbeddingModel(Path.of(model.strip()),
                tokenizer == null || tokenizer.isBlank() ? null : Path.of(tokenizer.strip()), pooling, false);
    }
}
