package io.tickettriage.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * all-MiniLM-L6-v2 (quantized, 384 dimensions) running in-process on ONNX Runtime. The weights ship inside a
 * Maven artifact, so nothing is downloaded and no key is needed.
 *
 * <p>The session runs each inference on the calling thread only. ONNX Runtime's default spreads one inference
 * over every core, which on a small machine makes concurrent workers fight for the same cores: measured on
 * 2 cores, one thread per inference embeds about three times as many texts per second (bench/README.md).
 */
@Component
class MiniLmEmbeddingModel implements EmbeddingModel, DisposableBean {

    private static final String MODEL = "/all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";

    private final CompletableFuture<SingleThreadedModel> model;

    /**
     * Starts loading the model (about a second: reading the weights and optimising the graph) on a thread of its
     * own, so the service starts serving meanwhile; the first {@link #embed} waits for it.
     */
    MiniLmEmbeddingModel() {
        this(true);
    }

    /** @param inBackground false to load before the constructor returns (commands that embed at once) */
    MiniLmEmbeddingModel(boolean inBackground) {
        this.model = inBackground
                ? CompletableFuture.supplyAsync(SingleThreadedModel::new,
                        load -> Thread.ofPlatform().name("embedding-model-loader").daemon().start(load))
                : CompletableFuture.completedFuture(new SingleThreadedModel());
    }

    /**
     * Lets a load in progress finish before the JVM exits: ONNX Runtime tears its globals down at process exit, and
     * a thread still inside it then crashes the JVM (a command that stops within a second of starting did).
     */
    @Override
    public void destroy() {
        try {
            model.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // nothing is loading any more, or nothing will: either way there is nothing to wait for
        }
    }

    @Override
    public String id() {
        return "all-minilm-l6-v2-q";
    }

    /** Trained on English sentence pairs: German, French or Spanish text lands near unrelated English text. */
    @Override
    public Set<String> languages() {
        return Set.of("en");
    }

    @Override
    public float[] embed(String text) {
        float[] vector = loaded().embed(text).content().vector();
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

    private SingleThreadedModel loaded() {
        try {
            return model.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("The embedding model could not be loaded", e.getCause());
        }
    }

    private static final class SingleThreadedModel extends AbstractInProcessEmbeddingModel {

        private final OnnxBertBiEncoder encoder;

        SingleThreadedModel() {
            // The caller's thread does the work: workers are the unit of parallelism, not a hidden pool.
            super(Runnable::run);
            try (InputStream weights = resource(MODEL);
                    OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(1);
                options.setInterOpNumThreads(1);
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                OrtEnvironment environment = OrtEnvironment.getEnvironment();
                OrtSession session = environment.createSession(weights.readAllBytes(), options);
                this.encoder = new OnnxBertBiEncoder(environment, session, resource(TOKENIZER), PoolingMode.MEAN);
            } catch (IOException | OrtException e) {
                throw new IllegalStateException("The embedding model shipped in the jar could not be loaded", e);
            }
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return 384;
        }

        private static InputStream resource(String name) {
            InputStream in = AllMiniLmL6V2QuantizedEmbeddingModel.class.getResourceAsStream(name);
            if (in == null) {
                throw new IllegalStateException("The jar lacks the embedding model resource " + name);
            }
            return in;
        }
    }
}
