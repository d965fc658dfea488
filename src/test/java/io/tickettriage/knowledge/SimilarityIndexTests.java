package io.tickettriage.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimilarityIndexTests {

    private static final SimilarityIndex.Settings QUANTIZED = new SimilarityIndex.Settings(16, 100, 100, true);

    @TempDir
    Path dir;

    @Test
    void bulkLoadsBufferAnEighthOfTheHeapWithinBounds() {
        long mb = 1024 * 1024;
        assertThat(SimilarityIndex.ramBufferMegabytes(192 * mb)).isEqualTo(24);
        assertThat(SimilarityIndex.ramBufferMegabytes(512 * mb)).isEqualTo(64);
        assertThat(SimilarityIndex.ramBufferMegabytes(64 * mb)).isEqualTo(16);
        assertThat(SimilarityIndex.ramBufferMegabytes(6L * 1024 * mb)).isEqualTo(256);
    }

    @Test
    void findsTheMostSimilarVectorsFirst() throws Exception {
        float[][] vectors = unitVectors(300, 32, 1);
        try (SimilarityIndex index = SimilarityIndex.open(dir, QUANTIZED)) {
            for (int i = 0; i < vectors.length; i++) {
                index.add(1_000 + i, vectors[i]);
            }
            index.refresh();

            List<SimilarityIndex.Hit> hits = index.nearest(vectors[17], 5);

            assertThat(hits).hasSize(5);
            assertThat(hits.getFirst().id()).isEqualTo(1_017);
            assertThat(hits.getFirst().similarity()).isCloseTo(1.0, within(0.02));
            assertThat(hits).isSortedAccordingTo((a, b) -> Double.compare(b.similarity(), a.similarity()));
        }
    }

    @Test
    void keepsWhatWasCommittedAcrossARestartAndForgetsDeletedIds() throws Exception {
        float[][] vectors = unitVectors(50, 32, 2);
        try (SimilarityIndex index = SimilarityIndex.open(dir, QUANTIZED)) {
            for (int i = 0; i < vectors.length; i++) {
                index.add(i + 1, vectors[i]);
            }
            index.delete(List.of(3L, 4L));
            index.commit(Map.of(SimilarityIndex.MODEL, "model-a"));
        }

        try (SimilarityIndex reopened = SimilarityIndex.open(dir, QUANTIZED)) {
            assertThat(reopened.committed()).containsEntry(SimilarityIndex.MODEL, "model-a");
            assertThat(reopened.ids()).hasSize(48).doesNotContain(3L, 4L).contains(1L, 5L, 50L);
            assertThat(reopened.nearest(vectors[2], 1)).noneMatch(hit -> hit.id() == 3L);
        }
    }

    static float[][] unitVectors(int count, int dimensions, long seed) {
        Random random = new Random(seed);
        float[][] vectors = new float[count][dimensions];
        for (float[] vector : vectors) {
            double norm = 0;
            for (int d = 0; d < dimensions; d++) {
                vector[d] = (float) random.nextGaussian();
                norm += vector[d] * vector[d];
            }
            for (int d = 0; d < dimensions; d++) {
                vector[d] /= (float) Math.sqrt(norm);
            }
        }
        return vectors;
    }
}
