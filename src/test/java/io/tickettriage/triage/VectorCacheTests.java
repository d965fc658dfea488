package io.tickettriage.triage;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import io.tickettriage.knowledge.EmbeddingModel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class VectorCacheTests {

    @TempDir
    Path folder;

    @Test
    void aSecondRunReadsTheVectorsInsteadOfEmbeddingAgain() throws Exception {
        Counting model = new Counting("model-a");
        Path file = folder.resolve("vectors.bin");
        VectorCache first = VectorCache.open(model, file);
        float[] printer = first.embed("printer jammed");
        first.embed("vpn drops");
        first.save();

        VectorCache second = VectorCache.open(model, file);

        assertThat(second.embed("printer jammed")).containsExactly(printer);
        assertThat(second.embed("vpn drops")).hasSize(2);
        assertThat(model.calls.get()).isEqualTo(2);
        assertThat(second.reused()).isEqualTo(2);
        second.embed("a text never seen");
        assertThat(model.calls.get()).isEqualTo(3);
    }

    @Test
    void vectorsOfAnotherModelAreNeverReused() throws Exception {
        Path file = folder.resolve("vectors.bin");
        VectorCache first = VectorCache.open(new Counting("model-a"), file);
        first.embed("printer jammed");
        first.save();
        Counting other = new Counting("model-b");

        VectorCache second = VectorCache.open(other, file);
        second.embed("printer jammed");

        assertThat(second.reused()).isZero();
        assertThat(other.calls.get()).isEqualTo(1);
        assertThat(second.id()).isEqualTo("model-b");
    }

    private static final class Counting implements EmbeddingModel {

        private final String id;
        private final AtomicInteger calls = new AtomicInteger();

        Counting(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public float[] embed(String text) {
            calls.incrementAndGet();
            return new float[] {text.length(), calls.get()};
        }
    }
}
