package io.tickettriage.knowledge;

import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.DisposableBean;

/**
 * An embedding model that answers texts it already has vectors for (the starter set's, made by the build with
 * the same model: {@link StarterVectors}) without running the model, and hands every other text to it.
 */
final class KnownVectors implements EmbeddingModel, DisposableBean {

    private final EmbeddingModel model;
    private final Map<String, float[]> known;

    KnownVectors(EmbeddingModel model, Map<String, float[]> known) {
        this.model = model;
        this.known = Map.copyOf(known);
    }

    @Override
    public String id() {
        return model.id();
    }

    @Override
    public float[] embed(String text) {
        float[] vector = known.get(text);
        return vector != null ? vector.clone() : model.embed(text);
    }

    @Override
    public Set<String> languages() {
        return model.languages();
    }

    int size() {
        return known.size();
    }

    @Override
    public void destroy() throws Exception {
        if (model instanceof DisposableBean disposable) {
            disposable.destroy();
        }
    }
}
