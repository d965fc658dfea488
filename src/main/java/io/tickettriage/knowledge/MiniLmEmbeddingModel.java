package io.tickettriage.knowledge;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

import org.springframework.stereotype.Component;

/**
 * all-MiniLM-L6-v2 (quantized, 384 dimensions) running in-process on ONNX Runtime. The weights ship inside a
 * Maven artifact, so nothing is downloaded and no key is needed.
 */
@Component
class MiniLmEmbeddingModel implements EmbeddingModel {

    private final AllMiniLmL6V2QuantizedEmbeddingModel model;

    MiniLmEmbeddingModel() {
        // The caller's thread does the work: workers are the unit of parallelism, not a hidden pool.
        this.model = new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);
    }

    @Override
    public String id() {
        return "all-minilm-l6-v2-q";
    }

    @Override
    public float[] embed(String text) {
        float[] vector = model.embed(text).content().vector();
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        if (norm > 0) {
            float scale = (float) (1 / Math.sqrt(norm));
            for (int i = 0; i < vector.length; i++) {
                vector[i] *= scale;
            }
        }
        return vector;
    }
}
