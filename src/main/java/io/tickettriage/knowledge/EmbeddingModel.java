package io.tickettriage.knowledge;

/** Turns text into a unit-length vector; similar meaning gives a high dot product. */
public interface EmbeddingModel {

    /** Identifies the model and version; vectors of different models are never mixed. */
    String id();

    float[] embed(String text);

    /** The local model the service uses, for code that runs without the application context. */
    static EmbeddingModel local() {
        return new MiniLmEmbeddingModel(false);
    }
}
