package io.tickettriage.knowledge;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.springframework.beans.factory.DisposableBean;

/**
 * An embedding model on ONNX Runtime, in-process, loaded on a thread of its own (about a second: reading the weights
 * and optimising the graph) so that the service starts serving meanwhile; the first {@link #embed} waits for it.
 */
abstract class OnnxEmbeddingModel implements EmbeddingModel, DisposableBean {

    private final CompletableFuture<OnnxSentenceEncoder> model;

    /** @param inBackground false to load before the constructor returns (commands that embed at once) */
    OnnxEmbeddingModel(Supplier<OnnxSentenceEncoder> load, boolean inBackground) {
        this.model = inBackground
                ? CompletableFuture.supplyAsync(load,
                        loading -> Thread.ofPlatform().name("embedding-model-loader").daemon().start(loading))
                : CompletableFuture.completedFuture(load.get());
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
    public float[] embed(String text) {
        return loaded().unitVector(text);
    }

    private OnnxSentenceEncoder loaded() {
        try {
            return model.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("The embedding model could not be loaded", e.getCause());
        }
    }
}
