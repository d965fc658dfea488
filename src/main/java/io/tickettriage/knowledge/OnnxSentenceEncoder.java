package io.tickettriage.knowledge;

import java.io.IOException;
import java.io.InputStream;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;

import org.jspecify.annotations.Nullable;

/**
 * A BERT-style sentence encoder (an ONNX graph, its tokenizer.json and its pooling) running each inference on the
 * calling thread only. ONNX Runtime's default spreads one inference over every core, which on a small machine makes
 * concurrent workers fight for the same cores: measured on 2 cores, one thread per inference embeds about three
 * times as many texts per second (bench/README.md).
 */
final class OnnxSentenceEncoder extends AbstractInProcessEmbeddingModel {

    private final OnnxBertBiEncoder encoder;
    private final @Nullable Integer dimension;

    /**
     * @param weights   the ONNX graph: its bytes, or the path of its file (read by ONNX Runtime itself, so a large
     *                  model is not copied onto the Java heap)
     * @param tokenizer the tokenizer.json that goes with it
     * @param dimension the vectors' length when known beforehand
     * @param pooling   how the tokens' outputs become one vector
     */
    OnnxSentenceEncoder(Object weights, InputStream tokenizer, @Nullable Integer dimension, EmbeddingPooling pooling)
            throws IOException, OrtException {
        // The caller's thread does the work: workers are the unit of parallelism, not a hidden pool.
        super(Runnable::run);
        OnnxNativeLibraries.provide();
        this.dimension = dimension;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession session = weights instanceof byte[] bytes ? environment.createSession(bytes, options)
                    : environment.createSession(weights.toString(), options);
            this.encoder = new OnnxBertBiEncoder(environment, session, tokenizer, pooling.mode());
        }
    }

    @Override
    protected OnnxBertBiEncoder model() {
        return encoder;
    }

    @Override
    protected Integer knownDimension() {
        return dimension;
    }

    /** The text's vector scaled to unit length, so that the dot product of two is their cosine similarity. */
    float[] unitVector(String text) {
        float[] vector = embed(text).content().vector();
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
